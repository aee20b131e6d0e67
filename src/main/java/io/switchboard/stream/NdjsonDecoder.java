package io.switchboard.stream;

import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;

/**
 * Frames a newline-delimited JSON body into one JSON text per line, on top of a
 * {@link LineDecoder} (which carries partial lines and split UTF-8 characters across chunks).
 * Blank and whitespace-only lines are skipped, since they carry no JSON text. Not thread-safe.
 */
public final class NdjsonDecoder {

    private final LineDecoder lines = new LineDecoder();

    /** Appends a chunk and emits every JSON text it completes, in order. */
    public void feed(Buffer chunk, Consumer<String> jsonTexts) {
        lines.feed(chunk, nonBlank(jsonTexts));
    }

    /** Appends a chunk and emits every JSON text it completes, in order. */
    public void feed(byte[] chunk, Consumer<String> jsonTexts) {
        lines.feed(chunk, nonBlank(jsonTexts));
    }

    /** Ends the body: emits the last JSON text if it had no trailing newline. */
    public void finish(Consumer<String> jsonTexts) {
        lines.finish(nonBlank(jsonTexts));
    }

    private static Consumer<String> nonBlank(Consumer<String> jsonTexts) {
        return line -> {
            if (!line.isBlank()) {
                jsonTexts.accept(line);
            }
        };
    }
}
