package io.switchboard.providers.gemini;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.ProviderContractTest;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;

/**
 * The provider contract for type {@code gemini}: {@code GenerateContentResponse} frames separated by CRLF
 * blank lines, Google's error envelope, the key in {@code x-goog-api-key}.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class GeminiContractTest extends ProviderContractTest {

    private static final String SEPARATOR = "\r\n\r\n";

    @Override
    protected String provider() {
        return "gemini";
    }

    @Override
    protected String deltas(String... texts) {
        StringBuilder frames = new StringBuilder();
        for (String text : texts) {
            frames.append("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": ").append(quote(text))
                    .append("}],\"role\": \"model\"},\"index\": 0}],\"modelVersion\": \"gemini-2.5-flash\"}")
                    .append(SEPARATOR);
        }
        return frames.toString();
    }

    @Override
    protected String end() {
        return "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}],\"role\": \"model\"},"
                + "\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 3,"
                + "\"candidatesTokenCount\": 5,\"totalTokenCount\": 8},\"modelVersion\": \"gemini-2.5-flash\"}" + SEPARATOR;
    }

    @Override
    protected String frameSeparator() {
        return SEPARATOR;
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"error\": {\"code\": " + status + ",\"message\": " + quote(message) + "}}";
    }

    @Override
    protected String errorFrame(String message) {
        return "data: {\"error\": {\"code\": 500,\"message\": " + quote(message) + ",\"status\": \"INTERNAL\"}}"
                + SEPARATOR;
    }

    @Override
    protected String overflowBody() {
        return GeminiFixtures.read("synthetic-error-400-token-count.error.json");
    }

    @Override
    protected String sentKey(FakeUpstream.Received request) {
        return request.header("x-goog-api-key");
    }

    @Override
    protected String configuredKey() {
        return "test-key";
    }
}
