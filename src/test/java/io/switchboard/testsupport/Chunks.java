package io.switchboard.testsupport;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** Ways to cut a recorded body into network chunks for the fake upstream. */
public final class Chunks {

    private Chunks() {
    }

    public static List<String> whole(String body) {
        return List.of(body);
    }

    /** One chunk per event/line: cut after every occurrence of the separator. */
    public static List<String> after(String body, String separator) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int at;
        while ((at = body.indexOf(separator, start)) >= 0) {
            chunks.add(body.substring(start, at + separator.length()));
            start = at + separator.length();
        }
        if (start < body.length()) {
            chunks.add(body.substring(start));
        }
        return chunks;
    }

    /** Chunks of n characters (splits lines, JSON and tags at arbitrary places). */
    public static List<String> every(String body, int n) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < body.length(); i += n) {
            int end = Math.min(body.length(), i + n);
            // never split a surrogate pair: the fake writes UTF-8 per chunk
            if (end < body.length() && Character.isHighSurrogate(body.charAt(end - 1))) {
                end++;
            }
            chunks.add(body.substring(i, end));
            i = end - n;
        }
        return chunks;
    }

    /** Chunks of n bytes of the UTF-8 body: splits multi-byte characters too. */
    public static List<byte[]> everyBytes(String body, int n) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += n) {
            chunks.add(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + n)));
        }
        return chunks;
    }

    /** The UTF-8 body as one chunk. */
    public static List<byte[]> wholeBytes(String body) {
        return List.of(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The UTF-8 body cut after every occurrence of the separator (one chunk per frame). */
    public static List<byte[]> afterBytes(String body, String separator) {
        return after(body, separator).stream().map(c -> c.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /**
     * The ways a body may be cut into network reads: whole, in two at every byte position (including
     * the empty chunks at either end), and one byte per chunk. A parser must give the same result for all.
     */
    public static Stream<Arguments> everyCut(byte[] body) {
        Stream<Arguments> whole = Stream
                .of(argumentSet("whole", List.of(body)));
        Stream<Arguments> inTwo = IntStream
                .rangeClosed(0, body.length)
                .mapToObj(at -> argumentSet("split at byte " + at,
                        List.of(Arrays.copyOfRange(body, 0, at),
                                Arrays.copyOfRange(body, at, body.length))));
        Stream<Arguments> byteByByte = Stream
                .of(argumentSet("one byte per chunk",
                        IntStream.range(0, body.length).mapToObj(i -> new byte[] { body[i] }).toList()));
        return Stream.of(whole, inTwo, byteByByte).flatMap(s -> s);
    }

    /** Two chunks, cut at the given character position. */
    public static List<String> splitAt(String body, int position) {
        return List.of(body.substring(0, position), body.substring(position));
    }
}
