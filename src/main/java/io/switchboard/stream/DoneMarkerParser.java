package io.switchboard.stream;

import java.util.List;

import io.switchboard.core.event.StreamEvent;

/**
 * A parser of the Chat Completions way of streaming, which OpenAI, the servers compatible with it and
 * Mistral share: SSE frames whose {@code data} is one chunk, ended by the frame {@code data: [DONE]}.
 * A body that closes after a choice's finish reason but before {@code [DONE]} is whole all the same
 * (some compatible servers leave the marker out); any other early end is a cut stream.
 */
public abstract class DoneMarkerParser extends ChunkParser<SseFrame> {

    private static final String DONE = "[DONE]";

    private String finishReason;

    protected DoneMarkerParser(String provider) {
        super(provider, sse());
    }

    /** Parses one chunk frame (not blank, not the {@code [DONE]} marker). */
    protected abstract void onData(SseFrame frame, String data, List<StreamEvent> out);

    /** Ends the stream: what is still held goes out, then the terminal event through {@link #terminate}. */
    protected abstract void complete(List<StreamEvent> out);

    /** Keeps the finish reason a choice stated; from then on a close without {@code [DONE]} is not a cut. */
    protected final void finishReason(String reason) {
        finishReason = reason;
    }

    /** The last finish reason stated, or null. */
    protected final String finishReason() {
        return finishReason;
    }

    @Override
    protected final void onFrame(SseFrame frame, List<StreamEvent> out) {
        String data = frame.data();
        if (data.isBlank()) {
            return;
        }
        if (DONE.equals(data.strip())) {
            complete(out);
            return;
        }
        onData(frame, data, out);
    }

    @Override
    protected final void endedWithoutTerminal(List<StreamEvent> out) {
        if (finishReason != null) {
            complete(out);
        }
    }
}
