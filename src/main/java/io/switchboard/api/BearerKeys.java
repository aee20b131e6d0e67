package io.switchboard.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.switchboard.config.ConfigProblems;

/** A set of keys presented as {@code Authorization: Bearer <key>}: the gateway's client keys, or its admin keys. */
public final class BearerKeys {

    private static final String BEARER = "Bearer ";

    /** No key: nothing is accepted. */
    static final BearerKeys NONE = new BearerKeys(List.of());

    private final List<byte[]> keys;

    private BearerKeys(List<byte[]> keys) {
        this.keys = keys;
    }

    /**
     * The keys of a comma-separated setting, read as written (not through the list converter, which drops
     * blank entries). A blank entry (" , ") is a start-up error naming the setting, rather than a list that
     * silently shrinks to nothing and leaves the API open.
     */
    static BearerKeys of(String setting, String configured) {
        return new BearerKeys(parse(setting, configured));
    }

    static List<byte[]> parse(String setting, String configured) {
        if (configured == null || configured.isEmpty()) {
            return List.of();
        }
        String[] entries = configured.split(",", -1);
        List<byte[]> keys = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            String key = entries[i].strip();
            if (key.isEmpty()) {
                throw ConfigProblems.of(setting + ": entry " + (i + 1) + " of " + entries.length
                        + " is blank; list only keys (comma-separated), or leave the setting out");
            }
            keys.add(key.getBytes(StandardCharsets.UTF_8));
        }
        return List.copyOf(keys);
    }

    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Whether the header carries one of the keys. */
    public boolean accepts(String authorization) {
        byte[] presented = presented(authorization);
        return presented != null && matches(presented);
    }

    /** Whether the key itself (sent without the Bearer scheme, e.g. in {@code x-api-key}) is one of the keys. */
    public boolean acceptsKey(String key) {
        return matches(key.getBytes(StandardCharsets.UTF_8));
    }

    private boolean matches(byte[] presented) {
        boolean match = false;
        for (byte[] key : keys) {
            // constant-time comparison, and every key is compared, so timing tells nothing
            match |= MessageDigest.isEqual(key, presented);
        }
        return match;
    }

    /**
     * Who presented the header, for logs: the first 12 hex digits of the key's SHA-256, which tells keys apart
     * without revealing any of them.
     */
    public static String fingerprint(String authorization) {
        byte[] presented = presented(authorization);
        if (presented == null) {
            return "none";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(presented), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] presented(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    }
}
