package io.switchboard.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spec validator accepts a correct body and rejects a wrong one, for each provider document. */
class UpstreamSpecTest {

    @RegisterExtension
    static final LocalUpstream LOCAL = new LocalUpstream();

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FakeUpstream.Received send(String path, String body) throws Exception {
        LOCAL.fake().reset();
        LOCAL.fake().enqueue(FakeUpstream.json(200, "{}"));
        CLIENT.send(HttpRequest.newBuilder(URI.create(LOCAL.fake().url() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
        return LOCAL.fake().lastRequest();
    }

    @Test
    void should_accept_valid_and_reject_invalid_bodies_for_each_provider() throws Exception {
        record Case(String spec, String path, String valid, String invalid) {
        }
        for (Case c : List.of(
                new Case("openai", "/v1/chat/completions",
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "{\"model\":\"gpt-4o\"}"),
                new Case("anthropic", "/v1/messages",
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                new Case("gemini", "/v1beta/models/gemini-2.5-flash:generateContent",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}",
                        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":1}]}]}"),
                new Case("mistral", "/v1/chat/completions",
                        "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "{\"model\":\"mistral-small-latest\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":\"hot\"}"),
                new Case("ollama", "/api/chat",
                        "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        "{\"model\":\"llama3.2\",\"messages\":\"hi\"}"))) {
            String validPath = c.path();
            FakeUpstream.Received valid = send(validPath, c.valid());
            assertThatCode(() -> UpstreamSpec.assertValid(c.spec(), validPath, valid)).as(c.spec()).doesNotThrowAnyException();
            FakeUpstream.Received invalid = send(validPath, c.invalid());
            assertThatThrownBy(() -> UpstreamSpec.assertValid(c.spec(), validPath, invalid)).as(c.spec())
                    .isInstanceOf(AssertionError.class);
        }
    }
}
