package io.switchboard.api.gemini;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.api.StreamFormat;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.ErrorEvent;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * One {@code streamGenerateContent} stream, one {@code GenerateContentResponse} per event: text, a thought (when
 * the request asked for thoughts; else only its signature, on an empty text part), a function call; the last
 * carries the finish reason and usage. With {@code ?alt=sse} each is a {@code data:} event, as Google's API
 * writes them; without, the stream is one JSON array, its elements written as they come. A failure after the
 * start is Google's error object, as the last event or element.
 * <p>
 * Silence is not filled: Google's SDKs read a stream by matching {@code data: } at the start of what they have
 * buffered, so a comment line would stall them, and a JSON array has no room for one either.
 */
final class GeminiStreamFormat implements StreamFormat {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_START = "[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_NEXT = ",\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ARRAY_END = "]".getBytes(StandardCharsets.US_ASCII);

    private final GenerateContentAnswers answers;
    private final GenerateContentRequest request;
    private boolean started;

    GeminiStreamFormat(GenerateContentAnswers answers, GenerateContentRequest request) {
        this.answers = answers;
        this.request = request;
    }

    @Override
    public Buffer event(StreamEvent event) {
        return switch (event) {
            case TextDelta text -> text.text().isEmpty() ? null : parts(GenerateContentAnswers.textPart(text.text(), null));
            case ThinkingDelta thinking -> thinking(thinking);
            case ToolCallEvent call -> parts(GenerateContentAnswers.callPart(call.toToolCall()));
            case Done done -> {
                ObjectNode last = answers.chunk(null, request);
                ((ObjectNode) last.get("candidates").get(0)).put("finishReason",
                        GenerateContentAnswers.finishReason(done.finishReason(), done.metadata()));
                last.set("usageMetadata", GenerateContentAnswers.usage(done.usage()));
                last.put("modelVersion", GenerateContentAnswers.modelVersion(done.metadata(), request));
                Buffer out = write(last);
                yield request.sse() ? out : out.appendBytes(ARRAY_END);
            }
            case ErrorEvent error -> end(GeminiErrorFormat.envelope(error.error(), error.error().type().defaultStatus()));
        };
    }

    private Buffer thinking(ThinkingDelta thinking) {
        if (request.includeThoughts()) {
            return thinking.thinking().isEmpty() && thinking.signature() == null ? null
                    : parts(GenerateContentAnswers.thoughtPart(thinking.thinking(), thinking.signature()));
        }
        return thinking.signature() == null ? null : parts(GenerateContentAnswers.textPart("", thinking.signature()));
    }

    private Buffer parts(ObjectNode part) {
        ArrayNode parts = JsonNodeFactory.instance.arrayNode(1);
        parts.add(part);
        return write(answers.chunk(parts, request));
    }

    private Buffer write(ObjectNode response) {
        Buffer out = Buffer.buffer();
        if (request.sse()) {
            return out.appendBytes(DATA).appendBytes(answers.bytes(response)).appendBytes(EVENT_END);
        }
        out.appendBytes(started ? ARRAY_NEXT : ARRAY_START);
        started = true;
        return out.appendBytes(answers.bytes(response));
    }

    private Buffer end(ObjectNode error) {
        Buffer out = write(error);
        return request.sse() ? out : out.appendBytes(ARRAY_END);
    }

    @Override
    public Buffer failure(GatewayException error, String requestId) {
        return end(GeminiErrorFormat.envelope(error.toBody(requestId), error.httpStatus()));
    }

    @Override
    public Buffer keepAlive() {
        return Buffer.buffer();
    }

    /** Whether the stream is Server-Sent Events; else a JSON array, answered as {@code application/json}. */
    @Override
    public boolean eventStream() {
        return request.sse();
    }
}
