package io.switchboard.stream;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * A per-request parser of a backend's streamed body, and the one pipeline that drives every such
 * parser: events go out as soon as their chunk is parsed; an error frame inside the stream is
 * raised after the events that arrived before it in the same read; the end of the body gives the
 * held events (or a retryable failure when the terminal frame never came).
 */
public interface ChunkParser {

    /** The events this chunk completes. An in-stream error is not thrown here but kept in {@link #failure()}. */
    List<StreamEvent> onChunk(Buffer chunk);

    /** The in-stream error that ended the stream, or null. */
    GatewayException failure();

    /** The events left when the body ended; throws a {@link GatewayException} when it ended too early. */
    List<StreamEvent> finish();

    /** Drives {@code parser} over {@code body}. */
    static Multi<StreamEvent> events(Multi<Buffer> body, ChunkParser parser) {
        return body.onItem().transformToMultiAndConcatenate(chunk -> {
            Multi<StreamEvent> events = Multi.createFrom().iterable(parser.onChunk(chunk));
            GatewayException failure = parser.failure();
            // failing here also cancels the upstream body
            return failure == null ? events : events.onCompletion().failWith(failure);
        }).onCompletion().switchTo(() -> Multi.createFrom().deferred(() -> Multi.createFrom().iterable(parser.finish())));
    }
}
