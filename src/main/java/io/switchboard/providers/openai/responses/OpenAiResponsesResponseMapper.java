package io.switchboard.providers.openai.responses;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.AnswerMetadata;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.stream.ToolCallAssembler;

/**
 * Translates a whole Responses API answer into an {@link AIResponse}: the reasoning items' summaries as thinking
 * (summary parts apart by a blank line) and their state as the thinking signature ({@link ReasoningState}); the
 * messages' {@code output_text} as the content (a refusal is the content, as on Chat Completions); function calls
 * with parsed arguments; disjoint usage; the finish reason from the status and the incomplete reason, the raw one
 * in {@code metadata.provider_finish_reason}. A {@code failed} answer is the backend's error.
 */
final class OpenAiResponsesResponseMapper {

    /** Between two summary parts: the API writes each as a paragraph. */
    static final String SUMMARY_PART_SEPARATOR = "\n\n";
    static final String COMPLETED = "completed";

    private final String provider;
    private final ObjectMapper json;

    OpenAiResponsesResponseMapper(String provider, ObjectMapper json) {
        this.provider = provider;
        this.json = json;
    }

    AIResponse toResponse(Response response) {
        if (response.status() == null) {
            // every Response object states its status; a body without one is not a response
            throw UpstreamErrors.malformed(provider, "the body is not a response");
        }
        if ("failed".equals(response.status())) {
            throw failure(provider, response.error(), false);
        }
        StringBuilder thinking = new StringBuilder();
        String signature = null;
        StringBuilder content = new StringBuilder();
        boolean refused = false;
        ToolCallAssembler calls = new ToolCallAssembler(json);
        List<Response.OutputItem> output = response.output() == null ? List.of() : response.output();
        for (int i = 0; i < output.size(); i++) {
            Response.OutputItem item = output.get(i);
            if (item == null || item.type() == null) {
                continue;
            }
            switch (item.type()) {
                case "reasoning" -> {
                    appendReasoning(thinking, item);
                    signature = ReasoningState.join(signature, ReasoningState.signature(item.id(),
                            item.encryptedContent()));
                }
                case "message" -> {
                    for (Response.Content part : item.content() == null ? List.<Response.Content> of()
                            : item.content()) {
                        if (part == null) {
                            continue;
                        }
                        if ("refusal".equals(part.type()) && part.refusal() != null) {
                            refused = true;
                            content.append(part.refusal());
                        } else if (part.text() != null) {
                            content.append(part.text());
                        }
                    }
                }
                case "function_call" -> calls.fragment(i, item.callId(), item.name(), argumentsText(item.arguments()));
                default -> {
                    // built-in tools' items: nothing the neutral model holds
                }
            }
        }
        List<ToolCall> toolCalls = calls.completeAll();
        String raw = rawFinishReason(response);
        Usage usage = response.usage() == null ? null : response.usage().toUsage();
        return new AIResponse(content.toString(), thinking.isEmpty() ? null : thinking.toString(), signature,
                toFinishReason(raw, !toolCalls.isEmpty(), refused), usage, toolCalls,
                AnswerMetadata.of(raw, response.model(), refused));
    }

    /** The item's summary parts (else its reasoning text, which open-weight models send) apart by a blank line. */
    private static void appendReasoning(StringBuilder thinking, Response.OutputItem item) {
        List<Response.Content> parts = item.summary() != null && !item.summary().isEmpty() ? item.summary()
                : item.content();
        if (parts == null) {
            return;
        }
        for (Response.Content part : parts) {
            if (part != null && part.text() != null && !part.text().isEmpty()) {
                thinking.append(thinking.isEmpty() ? "" : SUMMARY_PART_SEPARATOR).append(part.text());
            }
        }
    }

    static String argumentsText(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return null;
        }
        return arguments.isTextual() ? arguments.asText() : arguments.toString();
    }

    /** The status, or the reason an incomplete answer gives ({@code max_output_tokens}, {@code content_filter}). */
    static String rawFinishReason(Response response) {
        if ("incomplete".equals(response.status()) && response.incompleteDetails() != null
                && response.incompleteDetails().reason() != null) {
            return response.incompleteDetails().reason();
        }
        return response.status();
    }

    /** A refusal is {@code content_filter}, as on Chat Completions; a completed answer with calls is {@code tool_calls}. */
    static FinishReason toFinishReason(String raw, boolean hasToolCalls, boolean refused) {
        if (refused) {
            return FinishReason.CONTENT_FILTER;
        }
        if (raw == null) {
            return hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.OTHER;
        }
        return switch (raw) {
            case COMPLETED -> hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "max_output_tokens" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * The failure a {@code failed} answer, a {@code response.failed} event or an {@code error} event reports: its
     * {@code code} classifies it ({@code rate_limit_exceeded} as 429, {@code server_error} as 500), as no HTTP status
     * is stated.
     */
    static GatewayException failure(String provider, JsonNode error, boolean perRequestKey) {
        return error == null ? failure(provider, null, null, null, perRequestKey)
                : failure(provider, textOrNull(error.path("code")), textOrNull(error.path("type")),
                        textOrNull(error.path("message")), perRequestKey);
    }

    static GatewayException failure(String provider, String code, String type, String message,
            boolean perRequestKey) {
        return UpstreamErrors.fromStreamError(provider, null, code, type, message,
                "context_length_exceeded".equals(code) ? Boolean.TRUE : null, perRequestKey);
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
