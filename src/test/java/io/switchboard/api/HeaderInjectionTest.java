package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;

/**
 * A per-request key ({@code metadata.api_key}) with a line break, NUL or another control character
 * is refused with a 400 naming the field, never echoed or logged, and never reaches an upstream
 * connection; thousands of such requests leave the provider usable.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class HeaderInjectionTest extends FakeUpstreamTest {

    private static final String MARK = "sk-injectmark";

    @TestHTTPResource("/")
    URL root;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage() + " " + (record.getThrown() == null ? "" : record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void reset() {
        fake.reset();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void detach() {
        Logger.getLogger("").removeHandler(capture);
    }

    static String withKey(String key) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"api_key\":\"" + key + "\"}}";
    }

    @Test
    void should_refuse_a_key_with_control_characters_on_every_provider_naming_the_field() {
        List<String> badKeys = List.of(MARK + "\\r\\nX-Injected: yes", MARK + "\\n", MARK + "\\u0000",
                MARK + "\\u0007", MARK + "\\u007f", MARK + "\\u00e9", "\\r\\n" + MARK);
        for (String provider : List.of("openai", "azure", "anthropic", "gemini", "mistral", "ollama")) {
            for (String key : badKeys) {
                for (String endpoint : List.of("/v1/generate", "/v1/stream")) {
                    given().contentType("application/json").body(withKey(key)).queryParam("provider", provider)
                            .post(endpoint)
                            .then().statusCode(400)
                            .contentType(startsWith("application/json"))
                            .body("error.type", equalTo("invalid_request"))
                            .body("error.message", startsWith("metadata.api_key:"))
                            .body(not(containsString("injectmark")));
                }
            }
        }
        assertThat(fake.requests()).isEmpty();
        assertThat(logged).noneMatch(line -> line.contains("injectmark"));
    }

    @Test
    void should_keep_the_provider_usable_after_2000_requests_with_a_bad_key() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI generate = root.toURI().resolve("/v1/generate?provider=openai");
        HttpRequest bad = HttpRequest.newBuilder(generate).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(withKey(MARK + "\\r\\nX-Injected: yes"))).build();
        long start = System.nanoTime();
        List<Integer> statuses = new ArrayList<>();
        for (int batch = 0; batch < 2000 / 50; batch++) {
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                inFlight.add(client.sendAsync(bad, HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                statuses.add(response.get().statusCode());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(statuses).hasSize(2000).containsOnly(400);

        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        HttpResponse<String> good = client.send(HttpRequest.newBuilder(generate).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(withKey("sk-good-key"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(fake.requests()).hasSize(1);
        assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer sk-good-key");
        System.out.printf("2000 bad-key requests refused in %d ms%n", millis);
        client.shutdownNow();
    }
}
