package io.switchboard.providers.gemini;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import io.switchboard.stream.SseDecoder;
import io.switchboard.stream.SseFrame;
import io.switchboard.upstream.UpstreamErrorParser.ParsedError;
import io.vertx.core.buffer.Buffer;

/**
 * One {@code streamGenerateContent?alt=sse} body → stream events. Each {@code data:} frame is a whole
 * {@code GenerateContentResponse} (frames are separated by {@code \r\n\r\n}:
 * fixtures/gemini/text-stream.sse). Text and thoughts go out as soon as they are parsed; function
 * calls are collected (a stream may repeat one) and go out with {@code done} at the terminal frame,
 * the first that carries a finishReason or a prompt blockReason. Usage is replaced by each frame's
 * {@code usageMetadata} (Gemini reports running totals).
 * <p>
 * State: the SSE decoder, the calls so far, the last usage, and whether {@code done} went out.
 * One instance per request; not thread-safe.
 */
final class GeminiStreamParser extends ChunkParser {

    private final ObjectMapper json;
    private final String provider;
    private final boolean perRequestKey;
    private final SseDecoder decoder = new SseDecoder();
    private final GeminiToolCalls calls = new GeminiToolCalls();
    private Usage usage = Usage.NONE;
    private boolean done;

    GeminiStreamParser(ObjectMapper json, String provider, boolean perRequestKey) {
        this.json = json;
        this.provider = provider;
        this.perRequestKey = perRequestKey;
    }

    @Override
    protected void parse(Buffer chunk, List<StreamEvent> out) {
        decoder.feed(chunk, frame -> onFrame(frame, out));
    }

    /** The body ended: a stream without its terminal frame was cut. */
    @Override
    protected List<StreamEvent> end() {
        List<StreamEvent> events = new ArrayList<>(2);
        decoder.finish(frame -> onFrame(frame, events));
        if (!done) {
            throw UpstreamErrors.streamCut(provider);
        }
        return events;
    }

    private void onFrame(SseFrame frame, List<StreamEvent> events) {
        if (done || frame.data().isBlank()) {
            return;
        }
        GenerateContentResponse response;
        try {
            response = json.readValue(frame.data(), GenerateContentResponse.class);
        } catch (Exception e) {
            throw UpstreamErrors.malformed(provider, "a stream frame is not a GenerateContentResponse");
        }
        if (response.error() != null && response.error().isObject()) {
            throw inStreamError(response);
        }
        if (response.usageMetadata() != null) {
            usage = GeminiResponseMapper.toUsage(response.usageMetadata());
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
            events.add(Done.of(GeminiResponseMapper.toFinishReason(raw, blocked, !calls.isEmpty()), raw, usage));
            done = true;
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
            // a signature on an answer part: carried as thinking so the client echoes it (decision 6)
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
