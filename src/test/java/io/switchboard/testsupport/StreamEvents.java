package io.switchboard.testsupport;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.stream.ChunkParser;
import io.vertx.core.buffer.Buffer;

/** Driving a stream parser over recorded chunks, and reading the events it gave. */
public final class StreamEvents {

    private StreamEvents() {
    }

    /** Replays a body cut into chunks, as the provider pipeline does; throws what {@code finish()} throws. */
    public static List<StreamEvent> replay(ChunkParser<?> parser, List<byte[]> chunks) {
        List<StreamEvent> events = new ArrayList<>();
        for (byte[] chunk : chunks) {
            events.addAll(parser.onChunk(Buffer.buffer(chunk)));
        }
        events.addAll(parser.finish());
        return events;
    }

    /** Adjacent deltas of one kind merged: chunking may cut a delta, never change the text. */
    public static List<StreamEvent> coalesce(List<StreamEvent> events) {
        List<StreamEvent> merged = new ArrayList<>();
        for (StreamEvent event : events) {
            StreamEvent last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (event instanceof TextDelta t && last instanceof TextDelta l) {
                merged.set(merged.size() - 1, new TextDelta(l.text() + t.text()));
            } else if (event instanceof ThinkingDelta t && last instanceof ThinkingDelta l && t.signature() == null) {
                merged.set(merged.size() - 1, new ThinkingDelta(l.thinking() + t.thinking()));
            } else {
                merged.add(event);
            }
        }
        return merged;
    }

    /** All text deltas, joined. */
    public static String text(List<StreamEvent> events) {
        StringBuilder out = new StringBuilder();
        events.stream().filter(TextDelta.class::isInstance).forEach(e -> out.append(((TextDelta) e).text()));
        return out.toString();
    }

    /** All thinking deltas, joined. */
    public static String thinking(List<StreamEvent> events) {
        StringBuilder out = new StringBuilder();
        events.stream().filter(ThinkingDelta.class::isInstance).forEach(e -> out.append(((ThinkingDelta) e).thinking()));
        return out.toString();
    }
}
