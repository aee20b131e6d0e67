package io.switchboard.providers.openai.responses;

import java.util.ArrayList;
import java.util.List;

/**
 * The opaque reasoning state of the Responses API as a thinking signature: each reasoning item's {@code id} and its
 * {@code encrypted_content}, separated by a space, items one after the other. Both go back, since the API asks for
 * the item's id beside its content; neither holds a space (ids are {@code rs_} and hex, the content base64url), so
 * the signature splits back exactly. Anything that does not split into such pairs is not state of this wire.
 */
final class ReasoningState {

    private static final char SEPARATOR = ' ';

    /** One reasoning item's state. */
    record Item(String id, String encryptedContent) {
    }

    private ReasoningState() {
    }

    /** The signature of one item, or null when it carries no encrypted content. */
    static String signature(String id, String encryptedContent) {
        if (id == null || id.isEmpty() || encryptedContent == null || encryptedContent.isEmpty()
                || id.indexOf(SEPARATOR) >= 0 || encryptedContent.indexOf(SEPARATOR) >= 0) {
            return null;
        }
        return id + SEPARATOR + encryptedContent;
    }

    /** {@code more} appended to {@code signature} (either may be null). */
    static String join(String signature, String more) {
        if (signature == null) {
            return more;
        }
        return more == null ? signature : signature + SEPARATOR + more;
    }

    /** The items a signature holds, in order; empty when it is none of this wire's. */
    static List<Item> items(String signature) {
        if (signature == null || signature.isEmpty()) {
            return List.of();
        }
        String[] parts = signature.split(String.valueOf(SEPARATOR), -1);
        if (parts.length % 2 != 0) {
            return List.of();
        }
        List<Item> items = new ArrayList<>(parts.length / 2);
        for (int i = 0; i < parts.length; i += 2) {
            if (parts[i].isEmpty() || parts[i + 1].isEmpty()) {
                return List.of();
            }
            items.add(new Item(parts[i], parts[i + 1]));
        }
        return items;
    }
}
