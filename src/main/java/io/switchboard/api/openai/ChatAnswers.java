package io.switchboard.api.openai;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.vertx.core.buffer.Buffer;

/**
 * The Chat Completions shapes of an answer: the whole {@code chat.completion}, and the pieces the
 * stream's chunks share with it (finish reason, usage, a tool call).
 */
@ApplicationScoped
class ChatAnswers {

    /**
     * The field beside {@code reasoning_content} that carries the thinking's opaque signature, so a
     * client that sends the assistant message back as it got it keeps signed thinking intact.
     */
    static final String REASONING_SIGNATURE = "reasoning_signature";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;

    ChatAnswers(ObjectMapper json) {
        this.json = json;
    }

    Buffer completion(AIResponse response, ChatRequest request) {
        ObjectNode message = NODES.objectNode();
        message.put("role", "assistant");
        boolean hasCalls = !response.toolCalls().isEmpty();
        if (response.content().isEmpty() && hasCalls) {
            message.putNull("content");
        } else {
            message.put("content", response.content());
        }
        message.putNull("refusal");
        if (response.thinking() != null) {
            message.put("reasoning_content", response.thinking());
        }
        if (response.thinkingSignature() != null) {
            message.put(REASONING_SIGNATURE, response.thinkingSignature());
        }
        if (hasCalls) {
            ArrayNode calls = message.putArray("tool_calls");
            List<ToolCall> toolCalls = response.toolCalls();
            for (ToolCall call : toolCalls) {
                calls.add(toolCall(call, null));
            }
        }
        ObjectNode choice = NODES.objectNode();
        choice.put("index", 0);
        choice.set("message", message);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(response.finishReason()));
        ObjectNode completion = envelope(request, "chat.completion");
        completion.putArray("choices").add(choice);
        if (!response.usage().isEmpty()) {
            completion.set("usage", usage(response.usage()));
        }
        return write(completion);
    }

    /** The fields every completion and chunk starts with. */
    ObjectNode envelope(ChatRequest request, String object) {
        ObjectNode node = NODES.objectNode();
        node.put("id", request.id());
        node.put("object", object);
        node.put("created", request.created());
        node.put("model", request.model());
        return node;
    }

    /** A tool call with its arguments as a JSON string; {@code index} only in a stream's delta. */
    ObjectNode toolCall(ToolCall call, Integer index) {
        ObjectNode node = NODES.objectNode();
        if (index != null) {
            node.put("index", index);
        }
        node.put("id", call.id());
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.argumentsText());
        return node;
    }

    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            // OpenAI has no "other": a backend's unusual reason (kept in the native API's metadata) ends the turn
            case STOP, OTHER -> "stop";
        };
    }

    /**
     * OpenAI counts cached prompt tokens (read and written) inside {@code prompt_tokens} and reasoning inside
     * {@code completion_tokens}; Switchboard's counters are disjoint, so they are added back.
     */
    static ObjectNode usage(Usage usage) {
        int prompt = usage.allInputTokens();
        int completion = usage.allOutputTokens();
        ObjectNode node = NODES.objectNode();
        node.put("prompt_tokens", prompt);
        node.put("completion_tokens", completion);
        node.put("total_tokens", prompt + completion);
        ObjectNode promptDetails = node.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", Usage.orZero(usage.cacheReadInputTokens()));
        promptDetails.put("cache_write_tokens", Usage.orZero(usage.cacheCreationInputTokens()));
        node.putObject("completion_tokens_details").put("reasoning_tokens", Usage.orZero(usage.reasoningTokens()));
        return node;
    }

    Buffer write(ObjectNode node) {
        return Buffer.buffer(bytes(node));
    }

    byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chat completion not serializable", e);
        }
    }
}
