package io.switchboard.providers.mistral;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Mistral accepts only tool-call ids matching {@code [A-Za-z0-9]{9}}; any other id is translated
 * deterministically, so a call and its later result stay paired without server-side state.
 * Ids minted elsewhere ({@code toolu_…}, {@code call_…}, e.g. after a fallback from another
 * provider) are translated by a hash, so an assistant's call and its later tool result, translated
 * separately, still pair up, without any state kept between requests.
 */
final class MistralToolCallIds {

    private static final Pattern MISTRAL_ID = Pattern.compile("[A-Za-z0-9]{9}");
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int LENGTH = 9;

    private MistralToolCallIds() {
    }

    /** The id as Mistral accepts it: unchanged when it already fits, else 9 base-62 characters of its SHA-256. */
    static String toWire(String id) {
        if (id == null) {
            return null;
        }
        if (MISTRAL_ID.matcher(id).matches()) {
            return id;
        }
        byte[] digest = sha256(id);
        StringBuilder out = new StringBuilder(LENGTH);
        // 9 base-62 digits need 54 bits; 8 bytes of the digest give 64, read as an unsigned number.
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        for (int i = 0; i < LENGTH; i++) {
            out.append(BASE62.charAt((int) Long.remainderUnsigned(value, 62)));
            value = Long.divideUnsigned(value, 62);
        }
        return out.toString();
    }

    private static byte[] sha256(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
