package io.switchboard.api;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids: a client's {@code X-Request-Id} is kept when it is safe to echo, else one is made.
 * The same id is in the response header, {@code metadata.request_id} and error envelopes.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private RequestIds() {
    }

    public static String fromHeader(String header) {
        return header != null && SAFE.matcher(header).matches() ? header : generate();
    }

    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return "req_" + new String(id);
    }
}
