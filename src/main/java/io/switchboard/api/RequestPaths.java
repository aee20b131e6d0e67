package io.switchboard.api;

/**
 * Decides from the raw request path whether a request belongs to the API, before any route sees it.
 * <p>
 * The router normalises a path its own way (matrix parameters {@code ;x} are
 * dropped, unreserved percent-escapes decoded, dot segments resolved), so a guard that compares
 * strings can be walked around by a spelling the router still serves. Instead, every spelling that
 * could make two readers disagree is refused outright, for every path: a path that does not start
 * with {@code /} (the router reads {@code v1/providers} as {@code /v1/providers}), matrix parameters, a
 * backslash, an empty or dot segment, and a percent-escape of a letter, digit, {@code - . _ ~},
 * {@code /}, {@code \} or {@code ;}. What is left can be matched as plain text: a path is the API when,
 * case-folded, it is {@code /v1} or starts with {@code /v1/} (or the same with {@code /v1beta}, the Gemini API's
 * version) — every route added there later is covered.
 */
final class RequestPaths {

    enum Verdict {
        /** Not an API path (health, metrics, OpenAPI, or nothing the router serves under /v1). */
        OTHER,
        /** An API path in its one accepted spelling. */
        API,
        /** A spelling the gateway refuses, whatever the path. */
        REFUSED
    }

    private RequestPaths() {
    }

    static Verdict classify(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Verdict.REFUSED;
        }
        int length = rawPath.length();
        int segmentStart = 0;
        for (int i = 0; i < length; i++) {
            char c = rawPath.charAt(i);
            if (c == ';' || c == '\\') {
                return Verdict.REFUSED;
            }
            if (c == '%') {
                if (i + 2 >= length || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                    // RequestTargets answers a malformed escape first, naming it; refused here all the same
                    return Verdict.REFUSED;
                }
                if (changesRouting((char) (hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2))))) {
                    return Verdict.REFUSED;
                }
            }
            if (c == '/') {
                if (i > 0 && isEmptyOrDot(rawPath, segmentStart, i)) {
                    return Verdict.REFUSED;
                }
                segmentStart = i + 1;
            }
        }
        if (segmentStart < length && isEmptyOrDot(rawPath, segmentStart, length)) {
            // a last segment of . or .. (a trailing slash, an empty last segment, is accepted)
            return Verdict.REFUSED;
        }
        return isApi(rawPath) ? Verdict.API : Verdict.OTHER;
    }

    private static boolean isApi(String path) {
        return isUnder(path, "/v1") || isUnder(path, "/v1beta");
    }

    /** {@code path} is {@code prefix} or starts with it and a {@code /}, case-folded. */
    private static boolean isUnder(String path, String prefix) {
        int length = prefix.length();
        return path.regionMatches(true, 0, prefix, 0, length)
                && (path.length() == length || path.charAt(length) == '/');
    }

    /** The segment {@code path[start, end)} is empty ({@code //}), {@code .} or {@code ..}. */
    private static boolean isEmptyOrDot(String path, int start, int end) {
        int size = end - start;
        return size == 0 || size == 1 && path.charAt(start) == '.'
                || size == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.';
    }

    /** A character that, decoded by one reader and not by another, changes which route a path reaches. */
    private static boolean changesRouting(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~' || c == '/' || c == '\\' || c == ';';
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
