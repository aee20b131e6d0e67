package io.switchboard.providers.gemini;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.ToolCall;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.providers.gemini.GeminiWire.Candidate;
import io.switchboard.providers.gemini.GeminiWire.GenerateContentResponse;
import io.switchboard.providers.gemini.GeminiWire.Part;
import io.switchboard.stream.ChunkParser;
import io.switchboard.stream.SseFrame;
import io.switchboard.upstream.UpstreamErrorParser.ParsedError;

/**
 * One {@code streamGenerateContent?alt=sse} body → stream events. Each {@code data:} frame is a whole
 * {@code GenerateContentResponse} (frames are separated by {@code \r\n\r\n}:
 * fixtures/gemini/text-stream.sse). Text and thoughts go out as soon as they are parsed; function
 * calls are collected (a stream may repeat one) and go out with {@code done} at the terminal frame,
 * the first that carries a finishReason or a prompt blockReason. Usage is replaced by each frame's
 * {@code usageMetadata} (Gemini reports running totals).
 * <p>
 * State: the calls so far, the last usage and the first {@code modelVersion}.
 * One instance per request; not thread-safe.
 */
final class GeminiStreamParser extends ChunkParser<SseFrame> {

    private final ObjectReader responses;
    private final boolean perRequestKey;
    private final GeminiToolCalls calls = new GeminiToolCalls();
    private Usage usage = Usage.NONE;
    private String modelVersion;

    /** @param responses the provider's reader of {@link GenerateContentResponse}, made once */
    GeminiStreamParser(ObjectReader responses, String provider, boolean perRequestKey) {
        super(provider, sse());
        this.responses = responses;
        this.perRequestKey = perRequestKey;
    }

    @Override
    protected void onFrame(SseFrame frame, List<StreamEvent> events) {
        if (frame.data().isBlank()) {
            return;
        }
        GenerateContentResponse response;
        try {
            response = responses.readValue(frame.data());
        } catch (Exception e) {
            throw UpstreamErrors.malformed(provider, "a stream frame is not a GenerateContentResponse");
        }
        if (response.error() != null && response.error().isObject()) {
            throw inStreamError(response);
        }
        if (response.usageMetadata() != null) {
            usage = GeminiResponseMapper.toUsage(response.usageMetadata());
        }
        if (modelVersion == null) {
            modelVersion = response.modelVersion();
        }
        Candidate candidate = GeminiResponseMapper.firstCandidate(response);
        if (candidate != null && candidate.content() != null && candidate.content().parts() != null) {
            for (Part part : candidate.content().parts()) {
                onPart(part, events);
            }
        }
        // read after the parts: the MAX_TOKENS frame may have none, and a finish frame may carry the last text
        String raw = GeminiResponseMapper.rawFinishReason(response);
        if (raw != null) {
            boolean blocked = response.promptFeedback() != null && response.promptFeedback().blockReason() != null;
            for (ToolCall call : calls.toToolCalls()) {
                events.add(ToolCallEvent.of(call));
            }
            terminate(Done.of(GeminiResponseMapper.toFinishReason(raw, blocked, !calls.isEmpty()), raw, modelVersion,
                    usage), events);
        }
    }

    private void onPart(Part part, List<StreamEvent> events) {
        if (part.functionCall() != null && part.functionCall().name() != null) {
            calls.add(part.functionCall(), part.thoughtSignature());
            return;
        }
        String text = part.text() == null ? "" : part.text();
        String signature = part.thoughtSignature();
        if (part.isThought()) {
            if (!text.isEmpty() || signature != null) {
                events.add(new ThinkingDelta(text, signature));
            }
            return;
        }
        if (!text.isEmpty()) {
            events.add(new TextDelta(text));
        }
        if (signature != null) {
            // a signature on an answer part: carried as thinking so the client echoes it in the history
            events.add(ThinkingDelta.signatureOnly(signature));
        }
    }

    private GatewayException inStreamError(GenerateContentResponse response) {
        ParsedError parsed = GeminiErrorParser.parseEnvelope(response.error());
        JsonNode code = response.error().path("code");
        return UpstreamErrors.fromStreamError(provider, code.canConvertToInt() ? Integer.valueOf(code.asInt()) : null,
                null, response.error().path("status").asText(null), parsed.message(), parsed.contextOverflow(),
                parsed.retryAfter(), perRequestKey, parsed.credentialRejected());
    }
}
