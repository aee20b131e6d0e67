package io.switchboard.providers.openai;

import java.util.List;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.ChatCompletionsContract;
import io.switchboard.testsupport.FakeUpstreamResource;

/** The provider contract for type {@code openai}, with OpenAI's recorded error bodies. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OpenAiContractTest extends ChatCompletionsContract {

    @Override
    protected String provider() {
        return "openai";
    }

    @Override
    protected String configuredKey() {
        return "test-key";
    }

    @Override
    protected List<UpstreamError> recordedErrors() {
        return List.of(
                recorded("openai-chat-error-400-context-length-exceeded.json", 400, 400, false, true,
                        "maximum context length"),
                recorded("openai-chat-error-400-unsupported-value.json", 400, 400, false, false, "Unsupported value"),
                recorded("openai-chat-error-401.json", 401, 502, false, false, "Incorrect API key"),
                recorded("openai-chat-error-401-stream-request.json", 401, 502, false, false, "Incorrect API key"),
                recorded("openai-chat-error-404-model.json", 404, 404, false, false, "does not exist"),
                recorded("openai-chat-error-429-rate-limit-tokens.json", 429, 429, true, false, "Rate limit"));
    }

    private static UpstreamError recorded(String fixture, int status, int expected, boolean retryable, boolean overflow,
            String message) {
        return new UpstreamError(fixture, status, Fixtures.read("openai/" + fixture), expected, retryable, overflow,
                message);
    }
}
