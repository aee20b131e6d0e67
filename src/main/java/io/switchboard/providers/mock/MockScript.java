package io.switchboard.providers.mock;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ToolCall;

/**
 * One scripted answer. A response is plain text, or a JSON object
 * {@code {"content", "thinking", "tool_calls": [{"id", "name", "arguments"}], "finish_reason"}} so that
 * every event type can be seen without a key.
 */
record MockScript(String content, String thinking, List<ToolCall> toolCalls, FinishReason finishReason) {

    static MockScript parse(String text, ObjectMapper json, String key) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return new MockScript(text, null, List.of(), FinishReason.STOP);
        }
        JsonNode root;
        try {
            root = json.readTree(trimmed);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(key + ": starts with { but is not valid JSON: " + e.getOriginalMessage());
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : root.path("tool_calls")) {
            if (!call.path("name").isTextual()) {
                throw new IllegalArgumentException(key + ": every tool_calls entry needs a \"name\"");
            }
            JsonNode args = call.path("arguments");
            String id = call.path("id").isTextual() ? call.path("id").asText() : null;
            calls.add(new ToolCall(id, call.path("name").asText(),
                    args.isObject() ? (ObjectNode) args : json.createObjectNode(), null));
        }
        FinishReason finish = calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_CALLS;
        if (root.path("finish_reason").isTextual()) {
            finish = parseFinish(root.path("finish_reason").asText(), key);
        }
        return new MockScript(root.path("content").asText(""),
                root.path("thinking").isTextual() ? root.path("thinking").asText() : null, List.copyOf(calls), finish);
    }

    private static FinishReason parseFinish(String value, String key) {
        for (FinishReason reason : FinishReason.values()) {
            if (reason.wireName().equals(value)) {
                return reason;
            }
        }
        throw new IllegalArgumentException(key + ": unknown finish_reason \"" + value + "\"");
    }
}
