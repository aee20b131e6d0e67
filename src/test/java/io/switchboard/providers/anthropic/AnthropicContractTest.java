package io.switchboard.providers.anthropic;

import java.util.List;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.ProviderContractTest;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;

/** The provider contract for type {@code anthropic}: Messages API events, the key in {@code x-api-key}. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class AnthropicContractTest extends ProviderContractTest {

    @Override
    protected String provider() {
        return "anthropic";
    }

    @Override
    protected String deltas(String... texts) {
        StringBuilder frames = new StringBuilder()
                .append(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                        + "\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
                        + "\"stop_reason\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"))
                .append(event("content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String text : texts) {
            frames.append(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(text) + "}}"));
        }
        return frames.toString();
    }

    @Override
    protected String end() {
        return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":" + quote(message) + "}}";
    }

    @Override
    protected String errorFrame(String message) {
        return event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":" + quote(message)
                + "}}");
    }

    @Override
    protected String overflowBody() {
        return AnthropicFixtures.text("error-400-prompt-too-long.json");
    }

    @Override
    protected String sentKey(FakeUpstream.Received request) {
        return request.header("x-api-key");
    }

    @Override
    protected String configuredKey() {
        return "test-key";
    }

    @Override
    protected List<UpstreamError> recordedErrors() {
        return List.of(
                recorded("error-400-invalid-request.json", 400, 400, false, "does not support effort level"),
                recorded("error-401.json", 401, 502, false, "invalid x-api-key"),
                recorded("error-401-stream-request.json", 401, 502, false, "invalid x-api-key"),
                recorded("error-404-model.json", 404, 404, false, "model: claude-sonet-4-5"),
                recorded("error-429-rate-limit.json", 429, 429, true, "rate limit"),
                recorded("error-500-api-error.json", 500, 502, true, "Internal server error"),
                recorded("error-529-overloaded.json", 529, 502, true, "Overloaded"));
    }

    private static UpstreamError recorded(String fixture, int status, int expected, boolean retryable, String message) {
        return new UpstreamError(fixture, status, AnthropicFixtures.text(fixture), expected, retryable, false, message);
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
