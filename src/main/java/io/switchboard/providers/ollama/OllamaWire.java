package io.switchboard.providers.ollama;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.upstream.SnakeCaseReply;

/** Ollama's native {@code /api/chat} wire objects, under Ollama's own names. */
final class OllamaWire {

    private OllamaWire() {
    }

    // ---- request ----

    /**
     * @param think {@code true}, {@code false} or an effort string
     * @param keepAlive a duration string such as {@code 5m}, or a number of seconds
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatRequest(String model, List<Message> messages, List<Tool> tools, Object think, Options options,
            Object keepAlive, boolean stream, JsonNode format) {
    }

    /** {@code images} are bare base64 (no {@code data:} prefix); {@code tool_name} names a tool result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Message(String role, String content, String thinking, List<String> images, List<ToolCall> toolCalls,
            String toolName) {
    }

    /** Ollama's tool calls carry no id and take their arguments as an object. */
    record ToolCall(Function function) {
    }

    record Function(String name, ObjectNode arguments) {
    }

    record Tool(String type, ToolFunction function) {
    }

    record ToolFunction(String name, String description, ObjectNode parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Options(Double temperature, Integer numPredict, List<String> stop, Double topP) {
    }

    // ---- response (whole, and each NDJSON line of a stream) ----

    /** One answer or stream line; an error line has only {@code error}. */
    @SnakeCaseReply
    record ChatResponse(String model, ResponseMessage message, boolean done, String doneReason,
            Integer promptEvalCount, Integer evalCount, JsonNode error) {
    }

    @SnakeCaseReply
    record ResponseMessage(String content, String thinking, List<ResponseToolCall> toolCalls) {
    }

    /** Ollama sends no id (some versions do); {@code arguments} is an object. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseToolCall(String id, ResponseFunction function) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseFunction(String name, JsonNode arguments) {
    }
}
