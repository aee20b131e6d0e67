package io.switchboard.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.vertx.core.buffer.Buffer;

/**
 * A per-request parser of a backend's streamed body, and the one pipeline that drives every such
 * parser: events go out as soon as their chunk is parsed; an error frame inside the stream is
 * raised after the events that arrived before it in the same read; the end of the body gives the
 * held events, or a retryable stream-cut failure when the terminal event never came.
 * <p>
 * This class owns the one-terminal-event rule for every parsed stream: a parser ends the stream
 * only through {@link #terminate}, after which no further frame reaches it, and a body that ends
 * without it is cut. The output list is passed down to every method that adds to it; a parser
 * keeps no reference to it between calls.
 * <p>
 * A backend that ignores the request to stream sends one whole answer instead: after
 * {@link #wholeAnswer} the body is collected rather than framed, and its events (ending with the
 * terminal one) are made of it when it ends.
 *
 * @param <F> the frame type of the body's framing (an SSE frame, an NDJSON line)
 */
public abstract class ChunkParser<F> {

    /** A framing of the body: complete frames as the chunks arrive, and what is left at the end. */
    public interface Framing<F> {

        void feed(Buffer chunk, Consumer<F> frames);

        void finish(Consumer<F> frames);
    }

    /** Server-sent events. */
    public static Framing<SseFrame> sse() {
        SseDecoder decoder = new SseDecoder();
        return new Framing<>() {
            @Override
            public void feed(Buffer chunk, Consumer<SseFrame> frames) {
                decoder.feed(chunk, frames);
            }

            @Override
            public void finish(Consumer<SseFrame> frames) {
                decoder.finish(frames);
            }
        };
    }

    /** Newline-delimited JSON texts. */
    public static Framing<String> ndjson() {
        NdjsonDecoder decoder = new NdjsonDecoder();
        return new Framing<>() {
            @Override
            public void feed(Buffer chunk, Consumer<String> texts) {
                decoder.feed(chunk, texts);
            }

            @Override
            public void finish(Consumer<String> texts) {
                decoder.finish(texts);
            }
        };
    }

    protected final String provider;
    private final Framing<F> framing;
    /** Set when the body is a whole answer: what makes its events, and the body collected so far. */
    private Function<Buffer, List<StreamEvent>> wholeAnswer;
    private Buffer wholeBody;
    private GatewayException failure;
    private boolean terminated;
    private boolean ending;

    protected ChunkParser(String provider, Framing<F> framing) {
        this.provider = provider;
        this.framing = framing;
    }

    /**
     * Parses one frame, adding the events it completes to {@code out}. An in-stream error is thrown
     * as a {@link GatewayException}; what was added to {@code out} before it still goes out.
     */
    protected abstract void onFrame(F frame, List<StreamEvent> out);

    /**
     * The body ended after its last frame but without the terminal event: a parser that can tell the
     * answer is whole anyway calls {@link #terminate} here; otherwise the stream counts as cut.
     */
    protected void endedWithoutTerminal(List<StreamEvent> out) {
    }

    /** Adds the terminal event; the stream is over and later frames are ignored. */
    protected final void terminate(Done done, List<StreamEvent> out) {
        out.add(done);
        terminated = true;
    }

    /** Whether the body has ended, so the frame being parsed is the last, possibly incomplete, one. */
    protected final boolean ending() {
        return ending;
    }

    /**
     * The body is one whole answer, not a stream: its chunks are collected, and when it ends
     * {@code events} makes the stream's events of it, the terminal one last.
     */
    public final void wholeAnswer(Function<Buffer, List<StreamEvent>> events) {
        wholeAnswer = events;
        wholeBody = Buffer.buffer();
    }

    /** The events this chunk completes. An in-stream error stops the parsing and is kept in {@link #failure()}. */
    public final List<StreamEvent> onChunk(Buffer chunk) {
        if (wholeAnswer != null) {
            wholeBody.appendBuffer(chunk);
            return List.of();
        }
        List<StreamEvent> out = new ArrayList<>(4);
        if (failure == null && !terminated) {
            try {
                framing.feed(chunk, frame -> dispatch(frame, out));
            } catch (GatewayException e) {
                failure = e;
            }
        }
        return out;
    }

    /**
     * The body ended: the in-stream error if one stopped the parsing, else the events still held;
     * fails with a retryable stream cut when the terminal event never came.
     */
    public final List<StreamEvent> finish() {
        if (failure != null) {
            throw failure;
        }
        if (wholeAnswer != null) {
            List<StreamEvent> events = wholeAnswer.apply(wholeBody);
            terminated = true;
            return events;
        }
        List<StreamEvent> out = new ArrayList<>(2);
        if (!terminated) {
            ending = true;
            framing.finish(frame -> dispatch(frame, out));
            if (!terminated) {
                endedWithoutTerminal(out);
            }
            if (!terminated) {
                throw UpstreamErrors.streamCut(provider);
            }
        }
        return out;
    }

    private void dispatch(F frame, List<StreamEvent> out) {
        if (!terminated) {
            onFrame(frame, out);
        }
    }

    /** The in-stream error that ended the stream, or null. */
    public final GatewayException failure() {
        return failure;
    }

    /** Drives {@code parser} over {@code body}. */
    public static Multi<StreamEvent> events(Multi<Buffer> body, ChunkParser<?> parser) {
        return new ChunkEvents(body, parser);
    }
}
