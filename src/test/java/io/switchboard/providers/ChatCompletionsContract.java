package io.switchboard.providers;

import io.switchboard.testsupport.FakeUpstream;

/**
 * The provider contract for the backends that stream OpenAI's chat completion chunks (openai, azure,
 * vllm, mistral): {@code data:} frames with a delta each, the finish reason and usage in the last
 * chunk, then {@code data: [DONE]}; errors in OpenAI's {@code {"error": {"message", "type"}}}.
 */
public abstract class ChatCompletionsContract extends ProviderContractTest {

    @Override
    protected String deltas(String... texts) {
        StringBuilder frames = new StringBuilder();
        for (String text : texts) {
            frames.append(chunk("{\"content\":" + quote(text) + "}", "null", ""));
        }
        return frames.toString();
    }

    @Override
    protected String end() {
        return chunk("{}", "\"stop\"", ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}")
                + "data: [DONE]\n\n";
    }

    @Override
    protected String errorBody(int status, String message) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"server_error\"}}";
    }

    @Override
    protected String errorFrame(String message) {
        return "data: " + errorBody(500, message) + "\n\n";
    }

    @Override
    protected String overflowBody() {
        return "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However, your messages"
                + " resulted in 130017 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
                + "\"code\":\"context_length_exceeded\"}}";
    }

    @Override
    protected String sentKey(FakeUpstream.Received request) {
        String authorization = request.header("Authorization");
        return authorization == null ? null : authorization.substring("Bearer ".length());
    }

    private static String chunk(String delta, String finishReason, String usage) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]" + usage
                + "}\n\n";
    }
}
