package io.switchboard.api.anthropic;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.vertx.core.buffer.Buffer;

/**
 * The Messages shapes of an answer: the whole {@code message}, and the pieces the stream's events
 * share with it (content blocks, stop reason, usage).
 */
@ApplicationScoped
class MessagesAnswers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;

    MessagesAnswers(ObjectMapper json) {
        this.json = json;
    }

    Buffer message(AIResponse response, MessagesRequest request) {
        ObjectNode message = start(request);
        ArrayNode content = message.putArray("content");
        if (response.thinking() != null || response.thinkingSignature() != null) {
            content.add(thinkingBlock(response.thinking(), response.thinkingSignature()));
        }
        if (!response.content().isEmpty()) {
            content.add(textBlock(response.content()));
        }
        for (ToolCall call : response.toolCalls()) {
            content.add(toolUseBlock(call, true));
        }
        putStop(message, response.finishReason(), response.metadata());
        message.set("usage", usage(response.usage()));
        return Buffer.buffer(bytes(message));
    }

    /** The message's fields before its content, as {@code message_start} also sends them. */
    ObjectNode start(MessagesRequest request) {
        ObjectNode message = NODES.objectNode();
        message.put("id", request.id());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", request.model());
        return message;
    }

    /**
     * A thinking block; a signature that carries a redacted block's data becomes a
     * {@code redacted_thinking} block again. Thinking from a backend that signs nothing gets an empty
     * signature, which the Messages format requires.
     */
    static ObjectNode thinkingBlock(String thinking, String signature) {
        ObjectNode block = NODES.objectNode();
        String redacted = ThinkingPart.redactedData(signature);
        if (redacted != null) {
            block.put("type", "redacted_thinking");
            block.put("data", redacted);
            return block;
        }
        block.put("type", "thinking");
        block.put("thinking", thinking == null ? "" : thinking);
        block.put("signature", signature == null ? "" : signature);
        return block;
    }

    static ObjectNode textBlock(String text) {
        ObjectNode block = NODES.objectNode();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    /** A tool_use block; in a stream's {@code content_block_start} its input is empty and follows as JSON. */
    static ObjectNode toolUseBlock(ToolCall call, boolean withInput) {
        ObjectNode block = NODES.objectNode();
        block.put("type", "tool_use");
        block.put("id", call.id());
        block.put("name", call.name());
        block.set("input", withInput ? call.arguments() : NODES.objectNode());
        return block;
    }

    /**
     * {@code stop_reason} and {@code stop_sequence}: a backend that names the stop sequence it met (an
     * Anthropic one) gives {@code stop_sequence}; the others report a plain end of turn, as they do not say.
     */
    static void putStop(ObjectNode target, FinishReason reason, ObjectNode metadata) {
        JsonNode matched = metadata.get(AnswerMetadata.STOP_SEQUENCE);
        if (reason == FinishReason.STOP && matched != null && matched.isTextual()) {
            target.put("stop_reason", "stop_sequence");
            target.put("stop_sequence", matched.textValue());
            return;
        }
        target.put("stop_reason", stopReason(reason));
        target.putNull("stop_sequence");
    }

    private static String stopReason(FinishReason reason) {
        return switch (reason) {
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            // Messages has no "other": a backend's unusual reason ends the turn
            case STOP, OTHER -> "end_turn";
        };
    }

    /**
     * Anthropic's counters are disjoint like Switchboard's, except that reasoning is inside
     * {@code output_tokens}; cache counters are null when the backend did not report them. {@code cache_creation}
     * splits the writes by TTL: those the backend did not say were written for an hour count as five minutes,
     * the default.
     */
    static ObjectNode usage(Usage usage) {
        ObjectNode node = NODES.objectNode();
        node.put("input_tokens", Usage.orZero(usage.inputTokens()));
        node.put("output_tokens", usage.allOutputTokens());
        Integer written = usage.cacheCreationInputTokens();
        node.put("cache_creation_input_tokens", written);
        node.put("cache_read_input_tokens", usage.cacheReadInputTokens());
        if (written == null) {
            node.putNull("cache_creation");
        } else {
            int hour = Math.min(Usage.orZero(usage.cacheCreation1hInputTokens()), written);
            ObjectNode split = node.putObject("cache_creation");
            split.put("ephemeral_5m_input_tokens", written - hour);
            split.put("ephemeral_1h_input_tokens", hour);
        }
        return node;
    }

    byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message not serializable", e);
        }
    }
}
