package io.switchboard.errors;

import java.util.regex.Pattern;

/**
 * Removes credentials from text that leaves the gateway. Upstreams sometimes quote the key they
 * were given (OpenAI: "Incorrect API key provided: sk-proj-****Ab12"), so messages are scrubbed of
 * the key itself and of anything shaped like a provider key.
 */
public final class Redactor {

    private static final Pattern KEY_SHAPES = Pattern.compile(
            "(sk-[A-Za-z0-9_*\\-]{4,}|AIza[0-9A-Za-z_\\-]{8,}|(?i:bearer)\\s+[A-Za-z0-9._*\\-]{8,})");
    private static final String REDACTED = "[redacted]";

    private Redactor() {
    }

    public static String redact(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                result = result.replace(secret, REDACTED);
            }
        }
        return KEY_SHAPES.matcher(result).replaceAll(REDACTED);
    }
}
