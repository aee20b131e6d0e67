package io.switchboard.stream;

import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

/**
 * Frames an upstream {@code text/event-stream} body into {@link SseFrame}s, following the WHATWG
 * event-stream interpretation rules, on top of a {@link LineDecoder} (so CRLF, {@code \r\n\r\n}
 * separators and chunks that split lines or UTF-8 characters are handled there).
 * <p>
 * State: the frame being built ({@code event} and the {@code data} lines so far), kept until a
 * blank line dispatches it. Nearly every upstream frame has one {@code data:} line: its value is
 * kept as it is ({@code firstData}) and becomes the frame's data without a copy; only a second line
 * starts the joined text in {@code moreData}. {@code firstData} is null until the frame has data,
 * since an empty {@code data:} line still counts as data. One instance per response; not thread-safe.
 */
public final class SseDecoder {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final LineDecoder lines = new LineDecoder();
    private final StringBuilder moreData = new StringBuilder();
    private String firstData;
    private String event;
    private boolean firstLine = true;

    /** Appends a chunk and emits every frame it completes, in order. */
    public void feed(Buffer chunk, Consumer<SseFrame> frames) {
        lines.feed(chunk, line -> onLine(line, frames));
    }

    /** Appends a chunk and emits every frame it completes, in order. */
    public void feed(byte[] chunk, Consumer<SseFrame> frames) {
        lines.feed(chunk, line -> onLine(line, frames));
    }

    /**
     * Ends the body. Unlike a browser, which drops an event whose blank line never came, this
     * dispatches it: an upstream that closes right after its last {@code data:} line has still
     * sent that event in full.
     */
    public void finish(Consumer<SseFrame> frames) {
        lines.finish(line -> onLine(line, frames));
        dispatch(frames);
    }

    private void onLine(String line, Consumer<SseFrame> frames) {
        if (firstLine) {
            firstLine = false;
            if (!line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            dispatch(frames);
            return;
        }
        int colon = line.indexOf(':');
        if (colon == 0) {
            return; // a comment, e.g. a keep-alive
        }
        int nameLength = colon < 0 ? line.length() : colon;
        String value = colon < 0 ? "" : valueAfterColon(line, colon);
        if (isField(line, nameLength, "data")) {
            if (firstData == null) {
                firstData = value;
            } else {
                if (moreData.isEmpty()) {
                    moreData.append(firstData);
                }
                moreData.append('\n').append(value);
            }
        } else if (isField(line, nameLength, "event")) {
            event = value.isEmpty() ? null : value;
        }
        // id, retry and unknown fields: nothing upstream relies on reconnection
    }

    private static boolean isField(String line, int nameLength, String name) {
        return nameLength == name.length() && line.startsWith(name);
    }

    /** The spec removes exactly one space after the colon; any further padding is the value's. */
    private static String valueAfterColon(String line, int colon) {
        int start = colon + 1;
        if (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        return line.substring(start);
    }

    private void dispatch(Consumer<SseFrame> frames) {
        if (firstData != null || event != null) {
            String data = firstData == null ? "" : moreData.isEmpty() ? firstData : moreData.toString();
            SseFrame frame = new SseFrame(event, data);
            moreData.setLength(0);
            firstData = null;
            event = null;
            frames.accept(frame);
        }
    }
}
