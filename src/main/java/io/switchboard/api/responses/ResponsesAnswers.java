package io.switchboard.api.responses;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.vertx.core.buffer.Buffer;

/**
 * The Responses shapes of an answer: the whole {@code response} object, and the output items the stream's
 * events share with it ({@code reasoning} with its summary, and its sealed thinking blocks as
 * {@code encrypted_content} when {@code include} asks; {@code message} with its {@code output_text};
 * {@code function_call}, whose id carries the call's sealed backend state when it has some).
 */
@ApplicationScoped
class ResponsesAnswers {

    static final String REASONING = "rs_";
    static final String MESSAGE = "msg_";
    static final String FUNCTION_CALL = "fc_";
    static final String COMPLETED = "completed";
    static final String INCOMPLETE = "incomplete";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;
    private final ReasoningTokens tokens;

    ResponsesAnswers(ObjectMapper json, ReasoningTokens tokens) {
        this.json = json;
        this.tokens = tokens;
    }

    ReasoningTokens tokens() {
        return tokens;
    }

    Buffer response(AIResponse answer, ResponsesRequest request) {
        String incomplete = incompleteReason(answer.finishReason());
        String status = incomplete == null ? COMPLETED : INCOMPLETE;
        ArrayNode output = NODES.arrayNode();
        String origin = tokens.originOf(answer.metadata());
        String encrypted = request.encryptedReasoning() && origin != null && answer.thinkingSignature() != null
                ? tokens.encryptedContent(origin, List.of(new ThinkingPart(answer.thinking(),
                        answer.thinkingSignature())))
                : null;
        // thinking that is only a signature has no summary to show, and is handed out only when asked for
        if (answer.thinking() != null && !answer.thinking().isEmpty() || encrypted != null) {
            output.add(reasoningItem(request.itemId(REASONING, output.size()), answer.thinking(), status, encrypted));
        }
        if (!answer.content().isEmpty()) {
            output.add(messageItem(request.itemId(MESSAGE, output.size()), answer.content(), status));
        }
        for (ToolCall call : answer.toolCalls()) {
            String id = tokens.functionCallId(request.itemId(FUNCTION_CALL, output.size()), origin, call);
            output.add(functionCallItem(id, call, status));
        }
        ObjectNode response = response(request, status, output);
        finish(response, incomplete, answer.usage());
        return Buffer.buffer(bytes(response));
    }

    /**
     * A Responses object of {@code status} with {@code output}: no error, no usage and no incomplete details
     * yet (the caller sets them in place), then the request's echoed settings.
     */
    ObjectNode response(ResponsesRequest request, String status, ArrayNode output) {
        ObjectNode response = NODES.objectNode();
        response.put("id", request.id());
        response.put("object", "response");
        response.put("created_at", request.createdAt());
        response.put("status", status);
        if (status.equals(COMPLETED)) {
            response.put("completed_at", System.currentTimeMillis() / 1000);
        } else {
            response.putNull("completed_at");
        }
        response.putNull("error");
        response.putNull("incomplete_details");
        response.put("model", request.model());
        response.set("output", output);
        response.putNull("usage");
        response.setAll(request.settings());
        return response;
    }

    /** Sets the end of a finished response: why it is incomplete (null when it is not) and the usage. */
    static void finish(ObjectNode response, String incompleteReason, Usage usage) {
        if (incompleteReason != null) {
            response.putObject("incomplete_details").put("reason", incompleteReason);
        }
        if (!usage.isEmpty()) {
            response.set("usage", usage(usage));
        }
    }

    /** Why an answer that ended for {@code reason} is incomplete, or null when it is complete. */
    static String incompleteReason(FinishReason reason) {
        return switch (reason) {
            case LENGTH -> "max_output_tokens";
            case CONTENT_FILTER -> "content_filter";
            case STOP, TOOL_CALLS, OTHER -> null;
        };
    }

    /** A reasoning item; {@code encryptedContent} is set only when the request asked for it (null: absent). */
    static ObjectNode reasoningItem(String id, String summary, String status, String encryptedContent) {
        ObjectNode item = item(id, "reasoning", status);
        ArrayNode parts = item.putArray("summary");
        if (summary != null && !summary.isEmpty()) {
            parts.add(summaryText(summary));
        }
        if (encryptedContent != null) {
            item.put("encrypted_content", encryptedContent);
        }
        return item;
    }

    static ObjectNode summaryText(String text) {
        ObjectNode part = NODES.objectNode();
        part.put("type", "summary_text");
        part.put("text", text);
        return part;
    }

    /** A message item; in a stream's {@code output_item.added} its content is still empty (null text). */
    static ObjectNode messageItem(String id, String text, String status) {
        ObjectNode item = item(id, "message", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = NODES.objectNode();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** A function call item; in a stream's {@code output_item.added} its arguments are still empty. */
    static ObjectNode functionCallItem(String id, ToolCall call, String status) {
        ObjectNode item = item(id, "function_call", status);
        item.put("call_id", call.id());
        item.put("name", call.name());
        item.put("arguments", status.equals("in_progress") ? "" : call.argumentsText());
        return item;
    }

    private static ObjectNode item(String id, String type, String status) {
        ObjectNode item = NODES.objectNode();
        item.put("id", id);
        item.put("type", type);
        item.put("status", status);
        return item;
    }

    /**
     * The Responses API counts cached input tokens inside {@code input_tokens} and reasoning inside
     * {@code output_tokens}; Switchboard's counters are disjoint, so they are added back.
     */
    static ObjectNode usage(Usage usage) {
        int input = usage.allInputTokens();
        int output = usage.allOutputTokens();
        ObjectNode node = NODES.objectNode();
        node.put("input_tokens", input);
        ObjectNode inputDetails = node.putObject("input_tokens_details");
        inputDetails.put("cached_tokens", Usage.orZero(usage.cacheReadInputTokens()));
        inputDetails.put("cache_write_tokens", Usage.orZero(usage.cacheCreationInputTokens()));
        node.put("output_tokens", output);
        node.putObject("output_tokens_details").put("reasoning_tokens", Usage.orZero(usage.reasoningTokens()));
        node.put("total_tokens", input + output);
        return node;
    }

    byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
