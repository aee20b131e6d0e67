package io.switchboard.api;

import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * The bytes one API dialect writes for a stream, so one {@link SseWriter} serves every dialect: the
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

    /** Whether the frames are Server-Sent Events ({@code text/event-stream}); else one JSON document, streamed. */
    default boolean eventStream() {
        return true;
    }
}
