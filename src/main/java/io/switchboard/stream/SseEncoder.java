package io.switchboard.stream;

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
    private static final byte[] TEXT_DELTA_HEAD = ("event: " + TextDelta.TYPE + "\ndata: {\"type\":\"" + TextDelta.TYPE
            + "\",\"text\":\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_DELTA_TAIL = "\"}\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ObjectWriter writer;

    public SseEncoder(ObjectMapper json) {
        this.writer = json.writerFor(StreamEvent.class);
    }

    public Buffer encode(StreamEvent event) {
        if (event instanceof TextDelta delta && delta.text() != null) {
            // Nearly every streamed chunk is one text delta: its frame is fixed around the text, which
            // Jackson's own string encoder escapes exactly as the object writer would, without a
            // generator and a serializer walk per chunk.
            byte[] text = JsonStringEncoder.getInstance().quoteAsUTF8(delta.text());
            return Buffer.buffer(TEXT_DELTA_HEAD.length + text.length + TEXT_DELTA_TAIL.length).appendBytes(TEXT_DELTA_HEAD)
                    .appendBytes(text).appendBytes(TEXT_DELTA_TAIL);
        }
        byte[] data;
        try {
            data = writer.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stream event not serializable: " + event.type(), e);
        }
        String type = event.type();
        return Buffer.buffer(EVENT.length + type.length() + DATA.length + data.length + END.length)
                .appendBytes(EVENT).appendString(type, "US-ASCII").appendBytes(DATA).appendBytes(data).appendBytes(END);
    }

    /** The comment written during silence; SSE clients ignore it, proxies see traffic. */
    public static Buffer keepAlive() {
        return KEEP_ALIVE.copy();
    }
}
