package io.switchboard.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * The bytes one API dialect writes for a stream, so one {@link SseFrames} serves every dialect: the
 * frames of each event, the frame that ends a stream failing after its start, and the frame written
 * during silence. A format may keep per-stream state (an open content block, a chunk id), so each
 * stream gets its own instance unless the format is stateless.
 */
public interface StreamFormat {

    /** The frames for one event, or null to write nothing for it. */
    Buffer event(StreamEvent event);

    /** The frame(s) that end a stream which failed after its first event. */
    Buffer failure(GatewayException error, String requestId);

    /** What to write during silence, so proxies see traffic. */
    Buffer keepAlive();

    /**
     * Work that must be done before the frames {@link #event} has just returned are written (a response stored
     * before the event that ends its stream goes out), or null, as nearly always. It must not fail: whatever it
     * does when its work fails, the frames are written once it completes.
     */
    default Uni<Void> before() {
        return null;
    }

    /** Whether the frames are Server-Sent Events ({@code text/event-stream}); else one JSON document, streamed. */
    default boolean eventStream() {
        return true;
    }
}
