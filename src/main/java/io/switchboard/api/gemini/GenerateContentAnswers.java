package io.switchboard.api.gemini;

import java.util.Set;

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
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.vertx.core.buffer.Buffer;

/**
 * The {@code GenerateContentResponse} shapes of an answer: the whole response, and the pieces each streamed
 * response is made of (one candidate, its parts, finish reason and usage). Reasoning is a {@code thought} part
 * only when the request asked for thoughts; its signature is written either way, on the thought part or else on
 * the first text part, where Gemini puts it, so that a client returning the turn returns the signature. A call's
 * own signature stays on its {@code functionCall} part.
 */
@ApplicationScoped
class GenerateContentAnswers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Gemini's own finish reasons, passed on as a Gemini backend gave them. */
    private static final Set<String> GEMINI_REASONS = Set.of("STOP", "MAX_TOKENS", "SAFETY", "RECITATION",
            "LANGUAGE", "OTHER", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "MALFORMED_FUNCTION_CALL", "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS");

    private final ObjectMapper json;

    GenerateContentAnswers(ObjectMapper json) {
        this.json = json;
    }

    Buffer response(AIResponse response, GenerateContentRequest request) {
        ArrayNode parts = NODES.arrayNode();
        String signature = response.thinkingSignature();
        if (request.includeThoughts() && response.thinking() != null && !response.thinking().isEmpty()) {
            parts.add(thoughtPart(response.thinking(), signature));
            signature = null;
        }
        if (!response.content().isEmpty() || signature != null) {
            parts.add(textPart(response.content(), signature));
        }
        for (ToolCall call : response.toolCalls()) {
            parts.add(callPart(call));
        }
        ObjectNode body = chunk(parts, request);
        ObjectNode candidate = (ObjectNode) body.get("candidates").get(0);
        candidate.put("finishReason", finishReason(response.finishReason(), response.metadata()));
        body.set("usageMetadata", usage(response.usage()));
        body.put("modelVersion", modelVersion(response.metadata(), request));
        return Buffer.buffer(bytes(body));
    }

    /** A response of one candidate with these parts (null: no content, as a stream's last response may have). */
    ObjectNode chunk(ArrayNode parts, GenerateContentRequest request) {
        ObjectNode body = NODES.objectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        if (parts != null) {
            ObjectNode content = candidate.putObject("content");
            content.put("role", "model");
            content.set("parts", parts);
        }
        candidate.put("index", 0);
        body.put("modelVersion", request.model());
        body.put("responseId", request.responseId());
        return body;
    }

    static ObjectNode textPart(String text, String signature) {
        ObjectNode part = NODES.objectNode();
        part.put("text", text);
        if (signature != null) {
            part.put("thoughtSignature", signature);
        }
        return part;
    }

    static ObjectNode thoughtPart(String thinking, String signature) {
        ObjectNode part = textPart(thinking, signature);
        part.put("thought", true);
        return part;
    }

    static ObjectNode callPart(ToolCall call) {
        ObjectNode part = NODES.objectNode();
        ObjectNode functionCall = part.putObject("functionCall");
        functionCall.put("id", call.id());
        functionCall.put("name", call.name());
        functionCall.set("args", call.arguments());
        JsonNode signature = call.metadata().get(ToolCall.THOUGHT_SIGNATURE);
        if (signature != null && signature.isTextual()) {
            part.put("thoughtSignature", signature.textValue());
        }
        return part;
    }

    /** A Gemini backend's own reason as it gave it; any other backend's mapped to the nearest. */
    static String finishReason(FinishReason reason, ObjectNode metadata) {
        JsonNode raw = metadata.get(AnswerMetadata.PROVIDER_FINISH_REASON);
        if (raw != null && raw.isTextual() && GEMINI_REASONS.contains(raw.textValue())) {
            return raw.textValue();
        }
        return switch (reason) {
            case STOP, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
            case OTHER -> "OTHER";
        };
    }

    /**
     * Gemini counts cached tokens inside {@code promptTokenCount} and reasoning apart from
     * {@code candidatesTokenCount}; the total is every counter once.
     */
    static ObjectNode usage(Usage usage) {
        ObjectNode node = NODES.objectNode();
        int prompt = usage.allInputTokens();
        int candidates = Usage.orZero(usage.outputTokens());
        node.put("promptTokenCount", prompt);
        node.put("candidatesTokenCount", candidates);
        if (usage.reasoningTokens() != null) {
            node.put("thoughtsTokenCount", usage.reasoningTokens());
        }
        if (usage.cacheReadInputTokens() != null) {
            node.put("cachedContentTokenCount", usage.cacheReadInputTokens());
        }
        node.put("totalTokenCount", prompt + usage.allOutputTokens());
        return node;
    }

    /** The model the backend says answered, else the one the path named. */
    static String modelVersion(ObjectNode metadata, GenerateContentRequest request) {
        String model = AnswerMetadata.responseModel(metadata);
        return model != null ? model : request.model();
    }

    byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }
}
