package io.switchboard.routes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tag of a stored route: the first 16 hex digits of the SHA-1 of its stored JSON, which is what Redis's
 * scripts can compute too ({@code redis.sha1hex}), so both stores compare tags inside their atomic write. A
 * change detector for {@code ETag} and {@code If-Match}, not a security measure: two equal bodies have one tag,
 * as one representation has one entity tag.
 */
public final class RouteTag {

    static final int LENGTH = 16;

    private RouteTag() {
    }

    public static String of(String storedBody) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(storedBody.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** Whether {@code value} has the form of a tag (16 lowercase hex digits). */
    public static boolean isTag(String value) {
        return value.length() == LENGTH && value.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
    }

    /** Whether a route stored as {@code storedBody} meets {@code expected} (null: no condition; {@code *}: any). */
    static boolean matches(String expected, String storedBody) {
        return expected == null || expected.equals("*") || expected.equals(of(storedBody));
    }
}
