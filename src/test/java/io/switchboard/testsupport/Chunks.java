package io.switchboard.testsupport;

import java.util.ArrayList;
import java.util.List;

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
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += n) {
            chunks.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + n)));
        }
        return chunks;
    }

    /** Two chunks, cut at the given character position. */
    public static List<String> splitAt(String body, int position) {
        return List.of(body.substring(0, position), body.substring(position));
    }
}
