package io.switchboard.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

/**
 * Turns an upstream body, delivered in arbitrary byte chunks, into text lines.
 * <p>
 * Lines end at {@code \n}; one trailing {@code \r} is removed, so CRLF bodies give the same lines.
 * State: {@code pending[0..length)} holds the bytes after the last {@code \n} seen, carried over to
 * the next chunk. Bytes are decoded as UTF-8 only once a whole line is present, so a character
 * split across network reads is never corrupted. One instance per response; not thread-safe
 * (Reactive Streams delivers chunks one at a time).
 */
public final class LineDecoder {

    private static final int INITIAL_CAPACITY = 512;

    private byte[] pending = new byte[INITIAL_CAPACITY];
    private int length;

    /** Appends a chunk and emits every line it completes, in order. */
    public void feed(Buffer chunk, Consumer<String> lines) {
        int size = chunk.length();
        int scanFrom = reserve(size);
        chunk.getBytes(0, size, pending, scanFrom);
        emitCompleteLines(scanFrom, lines);
    }

    /** Appends a chunk and emits every line it completes, in order. */
    public void feed(byte[] chunk, Consumer<String> lines) {
        int scanFrom = reserve(chunk.length);
        System.arraycopy(chunk, 0, pending, scanFrom, chunk.length);
        emitCompleteLines(scanFrom, lines);
    }

    /** Ends the body: emits the last line if the body did not end with a line break. */
    public void finish(Consumer<String> lines) {
        int end = withoutCarriageReturn(0, length);
        length = 0;
        if (end > 0) {
            lines.accept(new String(pending, 0, end, StandardCharsets.UTF_8));
        }
    }

    /** Makes room for {@code size} more bytes and returns where they go. */
    private int reserve(int size) {
        int start = length;
        if (start + size > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, start + size));
        }
        length = start + size;
        return start;
    }

    /**
     * Emits the lines ended by the newly appended bytes. Bytes before {@code scanFrom} were
     * scanned by an earlier call and hold no {@code \n}, so each byte is scanned once.
     */
    private void emitCompleteLines(int scanFrom, Consumer<String> lines) {
        int lineStart = 0;
        for (int i = scanFrom; i < length; i++) {
            if (pending[i] == '\n') {
                int end = withoutCarriageReturn(lineStart, i);
                lines.accept(new String(pending, lineStart, end - lineStart, StandardCharsets.UTF_8));
                lineStart = i + 1;
            }
        }
        if (lineStart > 0) {
            length -= lineStart;
            System.arraycopy(pending, lineStart, pending, 0, length);
        }
    }

    private int withoutCarriageReturn(int start, int end) {
        return end > start && pending[end - 1] == '\r' ? end - 1 : end;
    }
}
