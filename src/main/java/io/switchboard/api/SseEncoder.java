package io.switchboard.api;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.vertx.core.buffer.Buffer;

/**
 * The exact bytes of our SSE output: {@code event: <type>\ndata: <json>\n\n}, where the event name
 * and {@code data.type} come from the same constant. Compact JSON never contains a raw newline
 * (strings escape it), so one {@code data:} line always suffices.
 */
public final class SseEncoder {

    private static final byte[] EVENT = "event: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");
    private static final byte[] TEXT_DELTA_BEFORE_TEXT = ("{\"type\":\"" + TextDelta.TYPE + "\",\"text\":")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_DELTA_AFTER_TEXT = "}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUOTE = "\"".getBytes(StandardCharsets.US_ASCII);

    private final ObjectWriter writer;

    public SseEncoder(ObjectMapper json) {
        this.writer = json.writerFor(StreamEvent.class);
    }

    public Buffer encode(StreamEvent event) {
        if (event instanceof TextDelta delta && delta.text() != null) {
            // Nearly every streamed chunk is one text delta: its JSON is fixed around the text, which
            // Jackson's own string encoder escapes exactly as the object writer would, without a
            // generator and a serializer walk per chunk.
            byte[] text = JsonStringEncoder.getInstance().quoteAsUTF8(delta.text());
            return frame(TextDelta.TYPE, TEXT_DELTA_BEFORE_TEXT, QUOTE, text, QUOTE, TEXT_DELTA_AFTER_TEXT);
        }
        byte[] data;
        try {
            data = writer.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stream event not serializable: " + event.type(), e);
        }
        return frame(event.type(), data);
    }

    /** One event's frame: its name, then its JSON, written from {@code json}'s parts one after the other. */
    private static Buffer frame(String type, byte[]... json) {
        int length = EVENT.length + type.length() + DATA.length + END.length;
        for (byte[] part : json) {
            length += part.length;
        }
        Buffer frame = Buffer.buffer(length).appendBytes(EVENT).appendString(type, "US-ASCII").appendBytes(DATA);
        for (byte[] part : json) {
            frame.appendBytes(part);
        }
        return frame.appendBytes(END);
    }

    /** The comment written during silence; SSE clients ignore it, proxies see traffic. */
    public static Buffer keepAlive() {
        return KEEP_ALIVE.copy();
    }
}
