package io.switchboard.providers.gemini;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.gemini.GeminiWire.Candidate;
import io.switchboard.providers.gemini.GeminiWire.GenerateContentResponse;
import io.switchboard.providers.gemini.GeminiWire.Part;
import io.switchboard.providers.gemini.GeminiWire.UsageMetadata;

/** {@code GenerateContentResponse} → {@link AIResponse}, and the finish-reason and usage rules the stream shares. */
final class GeminiResponseMapper {

    private GeminiResponseMapper() {
    }

    static AIResponse toResponse(GenerateContentResponse response) {
        StringBuilder content = new StringBuilder();
        StringBuilder thinking = null;
        String signature = null;
        GeminiToolCalls calls = new GeminiToolCalls();
        Candidate candidate = firstCandidate(response);
        if (candidate != null && candidate.content() != null && candidate.content().parts() != null) {
            for (Part part : candidate.content().parts()) {
                if (part.functionCall() != null && part.functionCall().name() != null) {
                    calls.add(part.functionCall(), part.thoughtSignature());
                    continue;
                }
                if (part.thoughtSignature() != null) {
                    signature = part.thoughtSignature();
                }
                if (part.text() != null) {
                    if (part.isThought()) {
                        thinking = (thinking == null ? new StringBuilder() : thinking).append(part.text());
                    } else {
                        content.append(part.text());
                    }
                }
            }
        }
        String raw = rawFinishReason(response);
        return new AIResponse(content.toString(), thinking == null ? null : thinking.toString(), signature,
                toFinishReason(raw, response.promptFeedback() != null && response.promptFeedback().blockReason() != null,
                        !calls.isEmpty()),
                toUsage(response.usageMetadata()), calls.toToolCalls(),
                AnswerMetadata.of(raw, response.modelVersion()));
    }

    static Candidate firstCandidate(GenerateContentResponse response) {
        return response.candidates() == null || response.candidates().isEmpty() ? null : response.candidates().get(0);
    }

    /** The candidate's finishReason, else a blocked prompt's blockReason, else null. */
    static String rawFinishReason(GenerateContentResponse response) {
        Candidate candidate = firstCandidate(response);
        if (candidate != null && candidate.finishReason() != null) {
            return candidate.finishReason();
        }
        if (response.promptFeedback() != null) {
            return response.promptFeedback().blockReason();
        }
        return null;
    }

    /**
     * The normalized finish reason: STOP → stop (tool_calls when the answer holds calls), MAX_TOKENS → length, the
     * safety family → content_filter, a blocked prompt (any blockReason) → content_filter.
     */
    static FinishReason toFinishReason(String raw, boolean promptBlocked, boolean hasCalls) {
        if (promptBlocked && (raw == null || !raw.equals("STOP"))) {
            return FinishReason.CONTENT_FILTER;
        }
        if (raw == null) {
            return hasCalls ? FinishReason.TOOL_CALLS : FinishReason.OTHER;
        }
        return switch (raw) {
            case "STOP" -> hasCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION" ->
                FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * Counters are disjoint: cached tokens are taken out of the prompt, and the tool-use prompt (apart from
     * promptTokenCount) is input too; candidatesTokenCount excludes thoughts, which Gemini counts in
     * thoughtsTokenCount.
     */
    static Usage toUsage(UsageMetadata usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        int cached = Usage.orZero(usage.cachedContentTokenCount());
        int input = Math.max(Usage.orZero(usage.promptTokenCount()) - cached, 0)
                + Usage.orZero(usage.toolUsePromptTokenCount());
        int thoughts = Usage.orZero(usage.thoughtsTokenCount());
        return new Usage(input, Usage.orZero(usage.candidatesTokenCount()), cached > 0 ? cached : null, null,
                thoughts > 0 ? thoughts : null);
    }
}
