package io.switchboard.providers.mistral;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.ResponseFormat;
import io.switchboard.upstream.SnakeCaseReply;

/** Mistral's chat-completions wire objects, under Mistral's own names. */
final class MistralWire {

    private MistralWire() {
    }

    // ---- request ----

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatCompletionRequest(String model, List<Message> messages, Double temperature, Integer maxTokens,
            List<String> stop, String reasoningEffort, List<Tool> tools, Object toolChoice, Boolean parallelToolCalls,
            Boolean stream, Double topP, ResponseFormat responseFormat) {
    }

    /** A named function as {@code tool_choice} (the other choices are plain strings). */
    record NamedToolChoice(String type, FunctionName function) {
        NamedToolChoice(String name) {
            this("function", new FunctionName(name));
        }
    }

    record FunctionName(String name) {
    }

    /** {@code content} is a string or a list of chunks ({@link TextChunk}, {@link ImageUrlChunk}, {@link ThinkChunk}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Message(String role, Object content, List<ToolCall> toolCalls, String toolCallId, String name,
            Boolean prefix) {

        static Message of(String role, Object content) {
            return new Message(role, content, null, null, null, null);
        }

        Message asPrefix() {
            return new Message(role, content, toolCalls, toolCallId, name, Boolean.TRUE);
        }
    }

    record TextChunk(String type, String text) {
        TextChunk(String text) {
            this("text", text);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImageUrlChunk(String type, String imageUrl) {
        ImageUrlChunk(String imageUrl) {
            this("image_url", imageUrl);
        }
    }

    record ThinkChunk(String type, List<TextChunk> thinking) {
        ThinkChunk(String thinking) {
            this("thinking", List.of(new TextChunk(thinking)));
        }
    }

    record ToolCall(String id, String type, FunctionCall function) {
    }

    /** {@code arguments} as a JSON string, the OpenAI-compatible form Mistral documents. */
    record FunctionCall(String name, String arguments) {
    }

    record Tool(String type, Function function) {
    }

    record Function(String name, String description, ObjectNode parameters) {
    }

    // ---- response (whole and streamed) ----

    /**
     * A completion or one stream chunk. An error object sent in place of a chunk has no
     * {@code choices} but {@code object: "error"} and a {@code message}.
     */
    @SnakeCaseReply
    record ChatCompletion(String object, String model, List<Choice> choices, UsageInfo usage, JsonNode message,
            String type) {
    }

    @SnakeCaseReply
    record Choice(Integer index, AssistantMessage message, AssistantMessage delta, String finishReason) {
    }

    /** {@code content}: a string, null, or a list of chunks (magistral: thinking chunks, then text chunks). */
    @SnakeCaseReply
    record AssistantMessage(JsonNode content, List<ResponseToolCall> toolCalls) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseToolCall(String id, Integer index, ResponseFunction function) {
    }

    /** {@code arguments}: a JSON string, or an object (both allowed by Mistral's spec). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseFunction(String name, JsonNode arguments) {
    }

    @SnakeCaseReply
    record UsageInfo(Integer promptTokens, Integer completionTokens, Integer numCachedTokens,
            PromptTokensDetails promptTokensDetails) {
    }

    @SnakeCaseReply
    record PromptTokensDetails(Integer cachedTokens) {
    }
}
