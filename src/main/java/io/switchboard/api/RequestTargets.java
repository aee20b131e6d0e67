package io.switchboard.api;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks a request target as the HTTP server's own check did before the launcher turned it off
 * ({@code io.switchboard.lifecycle.Launcher}): the target must be a valid URI. A target made only of the
 * characters a URI allows, with every {@code %} followed by two hex digits, is valid without parsing it, so
 * the common request allocates nothing here; any other character sends the target through {@link URI}'s
 * parser, the server's own rule. The path's percent-encoding is judged with the path ({@link RequestPaths}),
 * so what is left for here is the query's, and the characters.
 */
final class RequestTargets {

    private RequestTargets() {
    }

    /** Why {@code target} is no valid URI ({@code "query: ..."}), or null when it is one. */
    static String refusal(String target) {
        if (target == null) {
            return "request target: missing";
        }
        boolean plain = true;
        int query = -1;
        int length = target.length();
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            if (c == '?' && query < 0) {
                query = i;
            } else if (c == '%') {
                if (i + 2 >= length || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    return query >= 0 ? "query: malformed percent-encoding" : "path: malformed percent-encoding";
                }
            } else if (!plainUriCharacter(c)) {
                plain = false;
            }
        }
        if (plain) {
            return null;
        }
        try {
            new URI(target);
            return null;
        } catch (URISyntaxException e) {
            return "request target: not a valid URI (character at index " + e.getIndex() + ")";
        }
    }

    /** The characters RFC 3986 allows in a request target as they are, {@code %} apart. */
    private static boolean plainUriCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~:/?#[]@!$&'()*+,;=".indexOf(c) >= 0;
    }
}
