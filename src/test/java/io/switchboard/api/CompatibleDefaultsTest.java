package io.switchboard.api;

import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;

/**
 * The compatible doors pass an unset field on unset, so a client gets the backend's own default as it
 * would calling the backend itself (OpenAI's and Anthropic's temperature default is 1); the native API
 * keeps its documented default temperature of 0.7.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class CompatibleDefaultsTest extends FakeUpstreamTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]";

    /** The backend answers with its recorded whole answer. */
    private void backendAnswers(String provider) {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(provider.equals("anthropic") ? "anthropic/text.json"
                : "openai/openai-chat-text.json")));
    }

    private JsonPath sent() {
        return JsonPath.from(fake.lastRequest().body);
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "anthropic" })
    void should_send_no_temperature_when_a_chat_completions_request_sets_none(String provider) {
        backendAnswers(provider);
        jsonRequest().body("{\"model\":\"" + provider + "\"," + MESSAGES + "}").post("/v1/chat/completions").then()
                .statusCode(200);
        assertThat(sent().getMap("$")).doesNotContainKey("temperature").containsKey("messages");
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "anthropic" })
    void should_send_no_temperature_when_a_messages_request_sets_none(String provider) {
        backendAnswers(provider);
        jsonRequest().body("{\"model\":\"" + provider + "\",\"max_tokens\":64," + MESSAGES + "}").post("/v1/messages")
                .then().statusCode(200);
        assertThat(sent().getMap("$")).doesNotContainKey("temperature").containsKey("messages");
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "anthropic" })
    void should_send_the_temperature_a_compatible_request_sets(String provider) {
        backendAnswers(provider);
        jsonRequest().body("{\"model\":\"" + provider + "\",\"temperature\":0.2," + MESSAGES + "}")
                .post("/v1/chat/completions").then().statusCode(200);
        assertThat(sent().getDouble("temperature")).isEqualTo(0.2);
    }

    @Test
    void should_stream_with_no_temperature_when_a_chat_completions_request_sets_none() {
        fake.enqueue(FakeUpstream.sse(java.util.List.of(FixtureFiles.text("anthropic/text-stream.sse"))));
        jsonRequest().body("{\"model\":\"anthropic\",\"stream\":true," + MESSAGES + "}").post("/v1/chat/completions")
                .then().statusCode(200);
        assertThat(sent().getMap("$")).doesNotContainKey("temperature").containsEntry("stream", true);
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "anthropic" })
    void should_send_the_native_default_temperature_when_a_native_request_sets_none(String provider) {
        backendAnswers(provider);
        // the switch is the compatible doors' own: a client cannot set it
        generate(provider, "{\"backend_defaults\":true," + MESSAGES + "}");
        assertThat(sent().getDouble("temperature")).isEqualTo(0.7);
    }
}
