package io.switchboard.stream;

import java.util.concurrent.ThreadLocalRandom;

/** Ids for tool calls the backend sent without one: {@code call_} and 24 random alphanumerics. */
public final class ToolCallIds {

    private static final String PREFIX = "call_";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_LENGTH = 24;

    private ToolCallIds() {
    }

    /**
     * {@code call_} and 24 random alphanumerics. Not security-sensitive (the id only pairs a call
     * with its result), so {@link ThreadLocalRandom} is enough.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(PREFIX.length() + RANDOM_LENGTH).append(PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
