package io.switchboard.providers;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FixtureFiles;

/**
 * Every network provider type as {@link ProviderContractTest} sees it: the configured providers it
 * calls and how the backend writes a stream, an error body and an in-stream error. All of them are
 * configured in the test {@code application.properties} against the one fake upstream;
 * {@code <provider>-slow} is the same provider with 250 ms timeouts.
 */
final class ContractBackends {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a backend writes. In every template {@code %2$s} is the text or message as a JSON string
     * literal and {@code %1$d} the HTTP status; {@code end} finishes with reason "stop" and usage 3 in, 5 out;
     * {@code overflowBody} says in {@code overflowMessage} that the prompt does not fit; {@code whole} is the
     * non-streamed answer: the text, then a call of {@code get_weather} with {@code {"city": "Paris"}}, usage 3 in,
     * 5 out.
     */
    record Wire(String preamble, String delta, String end, String separator, String contentType,
            String errorBody, String errorFrame, String overflowBody, String overflowMessage, String whole) {

        /** The streamed body up to and including one text delta per text. */
        String deltas(String... texts) {
            StringBuilder body = new StringBuilder(preamble);
            for (String text : texts) {
                body.append(delta.formatted(0, quote(text)));
            }
            return body.toString();
        }

        String errorBody(int status, String message) {
            return errorBody.formatted(status, quote(message));
        }

        String errorFrame(String message) {
            return errorFrame.formatted(500, quote(message));
        }

        String whole(String text) {
            return whole.formatted(0, quote(text));
        }

        FakeUpstream.Reply reply(List<?> chunks) {
            return FakeUpstream.of(200, contentType, chunks);
        }
    }

    /** An error body a backend answered with, and how the gateway must pass it on. */
    record UpstreamError(String name, int status, String body, int expected, boolean retryable, boolean overflow,
            String message) {
    }

    /**
     * One provider type: the provider the suite calls, its wire, the header that carries the key, and a
     * provider of the type with a configured key (null: the type is used without one).
     */
    record Backend(String provider, Wire wire, String keyHeader, String keyedProvider, String configuredKey,
            List<UpstreamError> recordedErrors) {

        /** The key the upstream request carried, without a {@code Bearer} prefix. */
        String sentKey(FakeUpstream.Received request) {
            String value = request.header(keyHeader);
            return value != null && value.startsWith("Bearer ") ? value.substring("Bearer ".length()) : value;
        }

        @Override
        public String toString() {
            return provider;
        }
    }

    private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]%s}\n\n";

    private static final Wire CHAT_COMPLETIONS = new Wire("",
            CHUNK.formatted("{\"content\":%2$s}", "null", ""),
            CHUNK.formatted("{}", "\"stop\"", ",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}")
                    + "data: [DONE]\n\n",
            "\n\n", "text/event-stream",
            "{\"error\":{\"message\":%2$s,\"type\":\"server_error\"}}",
            "data: {\"error\":{\"message\":%2$s,\"type\":\"server_error\"}}\n\n",
            "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However, your messages"
                    + " resulted in 130017 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
                    + "\"code\":\"context_length_exceeded\"}}",
            "maximum context length is 128000 tokens",
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":%2$s,\"tool_calls\":[{\"id\":\"call_1\",\"type\":"
                    + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},"
                    + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,"
                    + "\"total_tokens\":8}}");

    private static final String MISTRAL_ERROR = "{\"object\":\"error\",\"message\":%2$s,\"type\":\"internal_server_error\","
            + "\"param\":null,\"code\":\"1000\"}";

    private static final Wire MISTRAL = new Wire("", CHAT_COMPLETIONS.delta(), CHAT_COMPLETIONS.end(), "\n\n",
            "text/event-stream", MISTRAL_ERROR, "data: " + MISTRAL_ERROR + "\n\n",
            "{\"object\":\"error\",\"message\":\"Prompt contains 40005 tokens and 0 draft tokens, too large for model"
                    + " with 32768 maximum context length\",\"type\":\"invalid_request_error\",\"param\":null,"
                    + "\"code\":\"3051\"}",
            "32768 maximum context length", CHAT_COMPLETIONS.whole());

    private static final String EVENT = "event: %s\ndata: %s\n\n";

    private static final Wire ANTHROPIC = new Wire(
            EVENT.formatted("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                    + "\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}")
                    + EVENT.formatted("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
            EVENT.formatted("content_block_delta",
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":%2$s}}"),
            EVENT.formatted("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                    + EVENT.formatted("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                            + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}")
                    + EVENT.formatted("message_stop", "{\"type\":\"message_stop\"}"),
            "\n\n", "text/event-stream",
            "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":%2$s}}",
            EVENT.formatted("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":%2$s}}"),
            FixtureFiles.text("anthropic/error-400-prompt-too-long.json"), "prompt is too long",
            "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":"
                    + "[{\"type\":\"text\",\"text\":%2$s},{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                    + "\"input\":{\"city\":\"Paris\"}}],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":3,\"output_tokens\":5}}");

    private static final String GEMINI_FRAME = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": %s}],"
            + "\"role\": \"model\"},%s\"index\": 0}]%s,\"modelVersion\": \"gemini-2.5-flash\"}\r\n\r\n";

    private static final Wire GEMINI = new Wire("",
            GEMINI_FRAME.formatted("%2$s", "", ""),
            GEMINI_FRAME.formatted("\"\"", "\"finishReason\": \"STOP\",",
                    ",\"usageMetadata\": {\"promptTokenCount\": 3,\"candidatesTokenCount\": 5,\"totalTokenCount\": 8}"),
            "\r\n\r\n", "text/event-stream",
            "{\"error\": {\"code\": %1$d,\"message\": %2$s}}",
            "data: {\"error\": {\"code\": %1$d,\"message\": %2$s,\"status\": \"INTERNAL\"}}\r\n\r\n",
            FixtureFiles.text("gemini/synthetic-error-400-token-count.error.json"), "exceeds the maximum number of tokens",
            "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": %2$s},{\"functionCall\": {\"name\": \"get_weather\","
                    + "\"args\": {\"city\": \"Paris\"}}}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],"
                    + "\"usageMetadata\": {\"promptTokenCount\": 3,\"candidatesTokenCount\": 5,\"totalTokenCount\": 8},"
                    + "\"modelVersion\": \"gemini-2.5-flash\"}");

    private static final String RESPONSE = "{\"id\":\"resp_1\",\"object\":\"response\",\"model\":\"gpt-5\","
            + "\"status\":\"%s\",\"output\":[%s],\"usage\":%s}";

    /** OpenAI's Responses API (type openai with api=responses), in the documented event grammar. */
    private static final Wire RESPONSES = new Wire(
            EVENT.formatted("response.created", "{\"type\":\"response.created\",\"response\":"
                    + RESPONSE.formatted("in_progress", "", "null") + "}"),
            EVENT.formatted("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":"
                    + "\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":%2$s}"),
            EVENT.formatted("response.completed", "{\"type\":\"response.completed\",\"response\":"
                    + RESPONSE.formatted("completed", "",
                            "{\"input_tokens\":3,\"output_tokens\":5,\"total_tokens\":8}")
                    + "}"),
            "\n\n", "text/event-stream",
            CHAT_COMPLETIONS.errorBody(),
            EVENT.formatted("error", "{\"type\":\"error\",\"code\":\"server_error\",\"message\":%2$s,\"param\":null}"),
            FixtureFiles.text("openai/responses/error-400-context-length-exceeded.json"),
            "exceeds the context window",
            RESPONSE.formatted("completed", "{\"id\":\"msg_1\",\"type\":\"message\",\"status\":\"completed\","
                    + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":%2$s}]},"
                    + "{\"id\":\"fc_1\",\"type\":\"function_call\",\"status\":\"completed\",\"call_id\":\"call_1\","
                    + "\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}",
                    "{\"input_tokens\":3,\"output_tokens\":5,\"total_tokens\":8}"));

    private static final String OLLAMA_LINE = "{\"model\":\"qwen3:0.6b\",\"created_at\":\"2026-04-16T00:11:44.1Z\","
            + "\"message\":{\"role\":\"assistant\",\"content\":%s},\"done\":%s}\n";

    private static final Wire OLLAMA = new Wire("",
            OLLAMA_LINE.formatted("%2$s", "false"),
            OLLAMA_LINE.formatted("\"\"", "true,\"done_reason\":\"stop\",\"prompt_eval_count\":3,\"eval_count\":5"),
            "\n", "application/x-ndjson",
            "{\"error\":%2$s}", "{\"error\":%2$s}\n",
            "{\"error\":\"the input length exceeds the context length\"}", "exceeds the context length",
            "{\"model\":\"qwen3:0.6b\",\"created_at\":\"2026-04-16T00:11:44.1Z\",\"message\":{\"role\":\"assistant\","
                    + "\"content\":%2$s,\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":"
                    + "{\"city\":\"Paris\"}}}]},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":3,"
                    + "\"eval_count\":5}");

    static List<Backend> all() {
        return List.of(
                new Backend("openai", CHAT_COMPLETIONS, "Authorization", "openai", "test-key", List.of(
                        recorded("openai/openai-chat-error-400-context-length-exceeded.json", 400, 400, false, true,
                                "maximum context length"),
                        recorded("openai/openai-chat-error-400-unsupported-value.json", 400, 400, false, false,
                                "Unsupported value"),
                        recorded("openai/openai-chat-error-401.json", 401, 502, false, false, "Incorrect API key"),
                        recorded("openai/openai-chat-error-401-stream-request.json", 401, 502, false, false,
                                "Incorrect API key"),
                        recorded("openai/openai-chat-error-404-model.json", 404, 404, false, false, "does not exist"),
                        recorded("openai/openai-chat-error-429-rate-limit-tokens.json", 429, 429, true, false,
                                "Rate limit"))),
                new Backend("openai-responses", RESPONSES, "Authorization", "openai-responses", "test-key", List.of(
                        recorded("openai/responses/error-400-context-length-exceeded.json", 400, 400, false, true,
                                "exceeds the context window"),
                        recorded("openai/openai-chat-error-401.json", 401, 502, false, false, "Incorrect API key"),
                        recorded("openai/openai-chat-error-429-rate-limit-tokens.json", 429, 429, true, false,
                                "Rate limit"))),
                new Backend("azure", CHAT_COMPLETIONS, "api-key", "azure", "azure-test-key", List.of()),
                new Backend("vllm", CHAT_COMPLETIONS, "Authorization", "vllm", null, List.of()),
                new Backend("mistral", MISTRAL, "Authorization", "mistral", "test-key", List.of(
                        inline("401 plain message", 401, "{\"message\":\"Unauthorized\",\"request_id\":\"8c1e0d1a\"}",
                                502, false, "Unauthorized"),
                        inline("422 validation detail", 422, "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":"
                                + "\"missing\",\"loc\":[\"body\",\"messages\",0,\"content\"],\"msg\":\"Field required\","
                                + "\"input\":{\"role\":\"user\"}}]},\"type\":\"invalid_request_message_error\","
                                + "\"param\":null,\"code\":null}", 422, false, "body.messages.0.content: Field required"),
                        inline("400 invalid model", 400, "{\"object\":\"error\",\"message\":\"Invalid model: mistral-nope\","
                                + "\"type\":\"invalid_model\",\"param\":null,\"code\":\"1500\"}", 400, false,
                                "Invalid model: mistral-nope"),
                        inline("429 rate limit", 429, "{\"message\":\"Requests rate limit exceeded\",\"request_id\":\"2b7f\"}",
                                429, true, "Requests rate limit exceeded"),
                        inline("503 service unavailable", 503, "{\"object\":\"error\",\"message\":\"Service unavailable.\","
                                + "\"type\":\"service_unavailable\",\"param\":null,\"code\":\"1000\"}", 502, true,
                                "Service unavailable."))),
                new Backend("anthropic", ANTHROPIC, "x-api-key", "anthropic", "test-key", List.of(
                        recorded("anthropic/error-400-invalid-request.json", 400, 400, false, false,
                                "does not support effort level"),
                        recorded("anthropic/error-401.json", 401, 502, false, false, "invalid x-api-key"),
                        recorded("anthropic/error-401-stream-request.json", 401, 502, false, false, "invalid x-api-key"),
                        recorded("anthropic/error-404-model.json", 404, 404, false, false, "model: claude-sonet-4-5"),
                        recorded("anthropic/error-429-rate-limit.json", 429, 429, true, false, "rate limit"),
                        recorded("anthropic/error-500-api-error.json", 500, 502, true, false, "Internal server error"),
                        recorded("anthropic/error-529-overloaded.json", 529, 502, true, false, "Overloaded"))),
                // Google's recorded errors keep their own test: a failed stream's error comes as text/event-stream
                new Backend("gemini", GEMINI, "x-goog-api-key", "gemini", "test-key", List.of()),
                // a key only where one is configured (a proxy in front of Ollama)
                new Backend("ollama", OLLAMA, "Authorization", "ollama-proxied", "ollama-proxy-key", List.of(
                        inline("404 model not pulled", 404,
                                "{\"error\":\"model \\\"qwen3:0.6b\\\" not found, try pulling it first\"}", 404, false,
                                "ollama pull qwen3:0.6b"),
                        inline("400 invalid options", 400, "{\"error\":\"invalid options: foo\"}", 400, false,
                                "invalid options: foo"),
                        inline("500 runner terminated", 500,
                                "{\"error\":\"llama runner process has terminated: exit status 2\"}", 502, true,
                                "llama runner process has terminated"),
                        inline("503 server busy", 503,
                                "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}", 502,
                                true, "server busy"),
                        inline("401 unauthorized", 401, "{\"error\":\"unauthorized\"}", 502, false, "unauthorized"))));
    }

    private ContractBackends() {
    }

    private static UpstreamError recorded(String fixture, int status, int expected, boolean retryable,
            boolean overflow, String message) {
        return new UpstreamError(fixture, status, FixtureFiles.text(fixture), expected, retryable, overflow, message);
    }

    private static UpstreamError inline(String name, int status, String body, int expected, boolean retryable,
            String message) {
        return new UpstreamError(name, status, body, expected, retryable, false, message);
    }

    /** {@code text} as a JSON string literal. */
    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
