package io.switchboard.upstream;

/**
 * What may go into an upstream request header. A credential or configured value with a line break,
 * NUL or another control character would split the header block (or make the HTTP client throw
 * half-way through opening the request), so such values are refused before any connection is used.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    /** Visible ASCII, space and tab only: what every backend accepts in a key or a custom header. */
    public static boolean isValid(CharSequence value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 9110 token: the characters a header name may have. */
    public static boolean isValidName(CharSequence name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }
}
