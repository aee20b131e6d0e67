package io.switchboard.providers.anthropic;

/**
 * How a {@code redacted_thinking} block crosses the neutral model, which has no field for it: as a
 * thinking part (or signature-only thinking delta) with empty text and the signature
 * {@code "redacted:" + data}. Real signatures are base64 and never contain a colon, so the prefix
 * cannot collide with one; a client that echoes thinking parts back as it got them round-trips the
 * block unchanged.
 */
final class AnthropicRedactedThinking {

    static final String PREFIX = "redacted:";

    private AnthropicRedactedThinking() {
    }

    /** The neutral signature carrying a redacted block's opaque data. */
    static String toSignature(String data) {
        return PREFIX + (data == null ? "" : data);
    }

    /** The redacted block's data, or null when the signature is an ordinary one. */
    static String dataOf(String signature) {
        return signature != null && signature.startsWith(PREFIX) ? signature.substring(PREFIX.length()) : null;
    }
}
