package io.switchboard.api.responses;

import static io.switchboard.api.JsonFields.invalid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.errors.GatewayException;

/**
 * Seals a backend's opaque reasoning state for a client to hold, and opens what comes back: {@code sb1.} then,
 * base64url, a 4-byte key id, an HMAC-SHA256 tag and the state as JSON (which names the provider type it came
 * from). Authenticated, not encrypted: a client can read it but not forge or alter it, so only state a backend of
 * that type produced reaches a backend of that type. A token of another key (another deployment, or this one
 * before a restart without {@code switchboard.responses.reasoning-key}) or of another format (OpenAI's own) is not
 * this gateway's to judge and is dropped; a token of this key that fails its check was altered, a 400.
 */
@Singleton
class ReasoningSeal {

    /** The prefix of every token of this format. */
    static final String PREFIX = "sb1.";
    /** The state's field naming the provider type that produced it. */
    static final String TYPE = "type";
    private static final String HMAC = "HmacSHA256";
    private static final int KEY_ID_LENGTH = 4;
    private static final int TAG_LENGTH = 32;
    private static final byte[] VERSION = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final SecretKeySpec key;
    private final byte[] keyId;

    @Inject
    ReasoningSeal(ObjectMapper json, SwitchboardConfig config) {
        this(json, config.responses().reasoningKey().map(value -> value.getBytes(StandardCharsets.UTF_8))
                .orElseGet(ReasoningSeal::randomKey));
    }

    ReasoningSeal(ObjectMapper json, byte[] secret) {
        this.json = json;
        this.key = new SecretKeySpec(secret, HMAC);
        // derived from the key, so replicas sharing a key agree on it, and it tells nothing about the key
        this.keyId = Arrays.copyOf(tag(new byte[0], "key id".getBytes(StandardCharsets.US_ASCII)), KEY_ID_LENGTH);
    }

    private static byte[] randomKey() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** The token of {@code state} produced by a backend of {@code type}. */
    String seal(String type, ObjectNode state) {
        ObjectNode sealed = json.createObjectNode().put(TYPE, type);
        sealed.setAll(state);
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(sealed);
        } catch (IOException e) {
            throw new IllegalStateException("reasoning state not serializable", e);
        }
        byte[] token = new byte[KEY_ID_LENGTH + TAG_LENGTH + payload.length];
        System.arraycopy(keyId, 0, token, 0, KEY_ID_LENGTH);
        System.arraycopy(tag(keyId, payload), 0, token, KEY_ID_LENGTH, TAG_LENGTH);
        System.arraycopy(payload, 0, token, KEY_ID_LENGTH + TAG_LENGTH, payload.length);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /**
     * The state a token holds, its {@link #TYPE} the provider type that produced it; null when the token is not
     * this gateway's (no token, another format, another key). A token of this gateway's that was altered is a 400
     * naming {@code field}, which never quotes the token.
     */
    ObjectNode open(String token, String field) {
        if (token == null || !token.startsWith(PREFIX)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw altered(field);
        }
        if (bytes.length < KEY_ID_LENGTH + TAG_LENGTH) {
            throw altered(field);
        }
        if (!MessageDigest.isEqual(Arrays.copyOf(bytes, KEY_ID_LENGTH), keyId)) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(bytes, KEY_ID_LENGTH + TAG_LENGTH, bytes.length);
        byte[] tag = Arrays.copyOfRange(bytes, KEY_ID_LENGTH, KEY_ID_LENGTH + TAG_LENGTH);
        if (!MessageDigest.isEqual(tag, tag(keyId, payload))) {
            throw altered(field);
        }
        try {
            JsonNode state = json.readTree(payload);
            if (state instanceof ObjectNode object && object.path(TYPE).isTextual()) {
                return object;
            }
        } catch (IOException e) {
            // only a sealing bug gets here: the tag matched
        }
        throw altered(field);
    }

    private byte[] tag(byte[] keyIdBytes, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(VERSION);
            mac.update(keyIdBytes);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static GatewayException altered(String field) {
        return invalid(field, "not reasoning state this gateway handed out, or altered since; send it back "
                + "exactly as it came, or leave it out");
    }
}
