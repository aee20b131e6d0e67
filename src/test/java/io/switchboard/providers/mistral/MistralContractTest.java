package io.switchboard.providers.mistral;

import java.util.List;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.ChatCompletionsContract;
import io.switchboard.testsupport.FakeUpstreamResource;

/** The provider contract for type {@code mistral}: OpenAI's chunks, Mistral's own error objects. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MistralContractTest extends ChatCompletionsContract {

    @Override
    protected String provider() {
        return "mistral";
    }

    @Override
    protected String configuredKey() {
        return "test-key";
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"object\":\"error\",\"message\":" + quote(message)
                + ",\"type\":\"internal_server_error\",\"param\":null,\"code\":\"1000\"}";
    }

    @Override
    protected String errorFrame(String message) {
        return "data: " + errorBody(500, message) + "\n\n";
    }

    @Override
    protected String overflowBody() {
        return "{\"object\":\"error\",\"message\":\"Prompt contains 40005 tokens and 0 draft tokens, too large for model"
                + " with 32768 maximum context length\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"3051\"}";
    }

    @Override
    protected List<UpstreamError> recordedErrors() {
        return List.of(
                new UpstreamError("401 plain message", 401, "{\"message\":\"Unauthorized\",\"request_id\":\"8c1e0d1a\"}",
                        502, false, false, "Unauthorized"),
                new UpstreamError("422 validation detail", 422,
                        "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\","
                                + "\"messages\",0,\"content\"],\"msg\":\"Field required\",\"input\":{\"role\":\"user\"}}]},"
                                + "\"type\":\"invalid_request_message_error\",\"param\":null,\"code\":null}",
                        422, false, false, "body.messages.0.content: Field required"),
                new UpstreamError("400 invalid model", 400,
                        "{\"object\":\"error\",\"message\":\"Invalid model: mistral-nope\",\"type\":\"invalid_model\","
                                + "\"param\":null,\"code\":\"1500\"}",
                        400, false, false, "Invalid model: mistral-nope"),
                new UpstreamError("429 rate limit", 429,
                        "{\"message\":\"Requests rate limit exceeded\",\"request_id\":\"2b7f\"}", 429, true, false,
                        "Requests rate limit exceeded"),
                new UpstreamError("503 service unavailable", 503,
                        "{\"object\":\"error\",\"message\":\"Service unavailable.\",\"type\":\"service_unavailable\","
                                + "\"param\":null,\"code\":\"1000\"}",
                        502, true, false, "Service unavailable."));
    }
}
