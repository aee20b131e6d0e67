package io.switchboard.providers.anthropic;

import io.switchboard.core.model.ThinkingPart;

/**
 * How a {@code redacted_thinking} block crosses the neutral model, which has no field for it: the
 * convention of {@link ThinkingPart#REDACTED_PREFIX}, which the Anthropic-compatible API reads too.
 */
final class AnthropicRedactedThinking {

    private AnthropicRedactedThinking() {
    }

    /** The neutral signature carrying a redacted block's opaque data. */
    static String toSignature(String data) {
        return ThinkingPart.redacted(data).signature();
    }

    /** The redacted block's data, or null when the signature is an ordinary one. */
    static String dataOf(String signature) {
        return ThinkingPart.redactedData(signature);
    }
}
