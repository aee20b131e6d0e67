package io.switchboard.providers.ollama;

import java.util.List;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.ProviderContractTest;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;

/**
 * The provider contract for type {@code ollama}: one JSON object per line, errors as {@code {"error": "…"}};
 * a key (for a proxy in front of Ollama) only where one is configured, as on {@code ollama-proxied}.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OllamaContractTest extends ProviderContractTest {

    @Override
    protected String provider() {
        return "ollama";
    }

    @Override
    protected String deltas(String... texts) {
        StringBuilder lines = new StringBuilder();
        for (String text : texts) {
            lines.append("{\"model\":\"qwen3:0.6b\",\"created_at\":\"2026-04-16T00:11:44.1Z\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":" + quote(text) + "},\"done\":false}\n");
        }
        return lines.toString();
    }

    @Override
    protected String end() {
        return "{\"model\":\"qwen3:0.6b\",\"created_at\":\"2026-04-16T00:11:44.3Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":3,\"eval_count\":5}\n";
    }

    @Override
    protected String frameSeparator() {
        return "\n";
    }

    @Override
    protected FakeUpstream.Reply streamReply(List<?> chunks) {
        return FakeUpstream.ndjson(chunks);
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"error\":" + quote(message) + "}";
    }

    @Override
    protected String errorFrame(String message) {
        return errorBody(500, message) + "\n";
    }

    @Override
    protected String overflowBody() {
        return "{\"error\":\"the input length exceeds the context length\"}";
    }

    @Override
    protected String sentKey(FakeUpstream.Received request) {
        String authorization = request.header("Authorization");
        return authorization == null ? null : authorization.substring("Bearer ".length());
    }

    @Override
    protected String keyedProvider() {
        return "ollama-proxied";
    }

    @Override
    protected String configuredKey() {
        return "ollama-proxy-key";
    }

    @Override
    protected List<UpstreamError> recordedErrors() {
        return List.of(
                new UpstreamError("404 model not pulled", 404,
                        "{\"error\":\"model \\\"qwen3:0.6b\\\" not found, try pulling it first\"}", 404, false, false,
                        "ollama pull qwen3:0.6b"),
                new UpstreamError("400 invalid options", 400, "{\"error\":\"invalid options: foo\"}", 400, false, false,
                        "invalid options: foo"),
                new UpstreamError("500 runner terminated", 500,
                        "{\"error\":\"llama runner process has terminated: exit status 2\"}", 502, true, false,
                        "llama runner process has terminated"),
                new UpstreamError("503 server busy", 503,
                        "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}", 502, true,
                        false, "server busy"),
                new UpstreamError("401 unauthorized", 401, "{\"error\":\"unauthorized\"}", 502, false, false,
                        "unauthorized"));
    }
}
