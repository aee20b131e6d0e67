package io.switchboard.providers.gemini;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Generative Language REST API's own objects (v1beta), camelCase as on the wire. Requests omit
 * null fields; responses are tolerant readers.
 */
final class GeminiWire {

    private GeminiWire() {
    }

    // ---- request ----

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerateContentRequest(List<Content> contents, Content systemInstruction, List<Tool> tools,
            ToolConfig toolConfig, GenerationConfig generationConfig, JsonNode safetySettings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolConfig(FunctionCallingConfig functionCallingConfig) {
    }

    /** The answer of {@code :countTokens}; the per-modality details are not read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CountTokensResponse(Integer totalTokens) {
    }

    /** {@code mode}: AUTO, ANY or NONE; {@code allowedFunctionNames} only with ANY. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionCallingConfig(String mode, List<String> allowedFunctionNames) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(String role, List<Part> parts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(String text, Boolean thought, String thoughtSignature, Blob inlineData, FileData fileData,
            FunctionCall functionCall, FunctionResponse functionResponse) {

        static Part text(String text, String signature) {
            return new Part(text, null, signature, null, null, null, null);
        }

        static Part inline(String mimeType, String base64) {
            return new Part(null, null, null, new Blob(mimeType, base64), null, null, null);
        }

        static Part file(String mimeType, String uri) {
            return new Part(null, null, null, null, new FileData(mimeType, uri), null, null);
        }

        static Part call(FunctionCall call, String signature) {
            return new Part(null, null, signature, null, null, call, null);
        }

        static Part response(FunctionResponse response) {
            return new Part(null, null, null, null, null, null, response);
        }

        boolean isThought() {
            return Boolean.TRUE.equals(thought);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Blob(String mimeType, String data) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileData(String mimeType, String fileUri) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FunctionCall(String id, String name, JsonNode args) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FunctionResponse(String id, String name, ObjectNode response) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tool(List<FunctionDeclaration> functionDeclarations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionDeclaration(String name, String description, ObjectNode parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerationConfig(Double temperature, Integer maxOutputTokens, List<String> stopSequences,
            ThinkingConfig thinkingConfig, Double topP, String responseMimeType, JsonNode responseJsonSchema) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ThinkingConfig(Integer thinkingBudget, Boolean includeThoughts, String thinkingLevel) {
    }

    // ---- response (also each streamed chunk) ----

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GenerateContentResponse(List<Candidate> candidates, PromptFeedback promptFeedback,
            UsageMetadata usageMetadata, String modelVersion, JsonNode error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Candidate(Content content, String finishReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PromptFeedback(String blockReason) {
    }

    /**
     * {@code promptTokenCount} includes {@code cachedContentTokenCount}; {@code toolUsePromptTokenCount} (the
     * prompts of built-in tools) and {@code thoughtsTokenCount} are apart from the prompt and the candidates.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UsageMetadata(Integer promptTokenCount, Integer candidatesTokenCount, Integer cachedContentTokenCount,
            Integer thoughtsTokenCount, Integer toolUsePromptTokenCount) {
    }
}
