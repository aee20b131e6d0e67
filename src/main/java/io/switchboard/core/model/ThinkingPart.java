package io.switchboard.core.model;

/**
 * Reasoning the assistant produced earlier. {@code signature} is opaque and must go back to the
 * backend that produced it.
 */
public record ThinkingPart(String thinking, String signature) implements Part {
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
