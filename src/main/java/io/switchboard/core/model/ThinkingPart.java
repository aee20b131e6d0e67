package io.switchboard.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Reasoning the assistant produced earlier. {@code signature} is opaque and must go back to the
 * backend that produced it.
 *
 * @param origin the provider type whose signature this is, when the gateway vouches for it (a sealed
 *        Responses {@code encrypted_content}): a backend of another type gets the thinking without the
 *        signature. Null when unknown: the signature is sent as the client gave it. Never read from JSON.
 */
@JsonIgnoreProperties("origin")
public record ThinkingPart(String thinking, String signature, String origin) implements Part {

    public static final String TYPE = "thinking";

    /**
     * A redacted thinking block (opaque data, no text: Anthropic's {@code redacted_thinking}) crosses
     * the neutral model as a thinking part, or signature-only thinking delta, whose signature is this
     * prefix and the data. Real signatures are base64 and never contain a colon, so the prefix cannot
     * collide with one, and a client that echoes thinking back as it got it round-trips the block.
     */
    public static final String REDACTED_PREFIX = "redacted:";

    public ThinkingPart {
        thinking = thinking == null ? "" : thinking;
    }

    /** Thinking whose signature, if any, is sent as the client gave it. */
    public ThinkingPart(String thinking, String signature) {
        this(thinking, signature, null);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The part standing for a redacted thinking block with this opaque data. */
    public static ThinkingPart redacted(String data) {
        return new ThinkingPart("", REDACTED_PREFIX + (data == null ? "" : data));
    }

    /** The redacted block's data carried by a signature, or null when it is an ordinary signature. */
    public static String redactedData(String signature) {
        return signature != null && signature.startsWith(REDACTED_PREFIX)
                ? signature.substring(REDACTED_PREFIX.length())
                : null;
    }
}
