package io.switchboard.stream;

import java.util.ArrayList;
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
public abstract class ChunkParser {

    private GatewayException failure;

    /**
     * Parses one chunk, adding the events it completes to {@code out}. An in-stream error is thrown
     * as a {@link GatewayException}; what was added to {@code out} before it still goes out.
     */
    protected abstract void parse(Buffer chunk, List<StreamEvent> out);

    /** The events left when the body ended; throws a {@link GatewayException} when it ended too early. */
    protected abstract List<StreamEvent> end();

    /** The body ended: the in-stream error if one stopped the parsing, else {@link #end()}'s events. */
    public final List<StreamEvent> finish() {
        if (failure != null) {
            throw failure;
        }
        return end();
    }

    /** The events this chunk completes. An in-stream error stops the parsing and is kept in {@link #failure()}. */
    public final List<StreamEvent> onChunk(Buffer chunk) {
        List<StreamEvent> out = new ArrayList<>(4);
        if (failure == null) {
            try {
                parse(chunk, out);
            } catch (GatewayException e) {
                failure = e;
            }
        }
        return out;
    }

    /** The in-stream error that ended the stream, or null. */
    public final GatewayException failure() {
        return failure;
    }

    /** Drives {@code parser} over {@code body}. */
    public static Multi<StreamEvent> events(Multi<Buffer> body, ChunkParser parser) {
        return body.onItem().transformToMultiAndConcatenate(chunk -> {
            Multi<StreamEvent> events = Multi.createFrom().iterable(parser.onChunk(chunk));
            GatewayException failure = parser.failure();
            // failing here also cancels the upstream body
            return failure == null ? events : events.onCompletion().failWith(failure);
        }).onCompletion().switchTo(() -> Multi.createFrom().deferred(() -> Multi.createFrom().iterable(parser.finish())));
    }
}
