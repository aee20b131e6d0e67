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
 * {@code {"content", "thinking", "tool_calls": [{"id", "name", "arguments"}], "finish_reason", "delay_ms",
 * "error": {"status", "message", "after"}}} so that every event type, slow streams and errors can be
 * seen without a key.
 */
record MockScript(String content, String thinking, List<ToolCall> toolCalls, FinishReason finishReason,
        long delayMillis, ScriptedError error) {

    /**
     * A scripted failure, so clients can rehearse error handling: the upstream status it imitates
     * (mapped by the same table as a real backend's), its message, and how many stream events come
     * before it (0: the call fails before the first event).
     */
    record ScriptedError(int status, String message, int after) {
    }

    /** The stop sequence met first in the content, or null when none of them occurs. */
    String firstStop(List<String> stops) {
        String first = null;
        int at = Integer.MAX_VALUE;
        for (String stop : stops) {
            int index = content.indexOf(stop);
            if (index >= 0 && index < at) {
                at = index;
                first = stop;
            }
        }
        return first;
    }

    /** The answer a model gives when it meets {@code stop}: the content before it, and nothing after. */
    MockScript cutAt(String stop) {
        return new MockScript(content.substring(0, content.indexOf(stop)), thinking, List.of(), FinishReason.STOP,
                delayMillis, error);
    }

    static MockScript parse(String text, ObjectMapper json, String key) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return new MockScript(text, null, List.of(), FinishReason.STOP, 0, null);
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
        ScriptedError error = null;
        JsonNode errorNode = root.path("error");
        if (errorNode.isObject()) {
            if (!errorNode.path("status").canConvertToInt()) {
                throw new IllegalArgumentException(key + ": error.status must be an HTTP status");
            }
            error = new ScriptedError(errorNode.path("status").asInt(), errorNode.path("message").asText("scripted error"),
                    errorNode.path("after").asInt(0));
        }
        return new MockScript(root.path("content").asText(""),
                root.path("thinking").isTextual() ? root.path("thinking").asText() : null, List.copyOf(calls), finish,
                Math.max(0, root.path("delay_ms").asLong(0)), error);
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
