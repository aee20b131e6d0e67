package io.switchboard.core.model;

import io.switchboard.errors.GatewayException;

/**
 * What a provider name, a route name and a model name may hold, checked wherever one comes in: a request's
 * {@code provider} and {@code model}, a route written through the admin API, read from the store or from the
 * configuration file, a configured provider's name. These strings go on to upstream URLs and bodies, the access
 * log, metric labels and the admin log, so they must not hold what ends or fakes a line there, or hides what
 * the name says: control characters (C0, DEL and C1, {@code U+0085} included), the line and paragraph
 * separators {@code U+2028} and {@code U+2029}, and the invisible format characters (the bidirectional
 * controls {@code U+202A}-{@code U+202E} and {@code U+2066}-{@code U+2069}, zero-width characters, the byte
 * order mark, tag characters). A lone surrogate, which no encoder can write, is refused too. Everything else
 * passes, so real ids do: {@code accounts/fireworks/models/llama-v3p1-405b-instruct},
 * {@code meta-llama/Llama-3.1-8B-Instruct}, {@code claude-sonnet-4-5@20250929}, {@code llama3.2:3b}.
 * <p>
 * A model may not hold a {@code .} or {@code ..} segment between slashes either: some backends put the model in
 * the URL path (Azure's deployment, Gemini's model), and percent-encoding leaves dots alone, so such a segment
 * would move the request to another upstream path.
 * <p>
 * The checks answer what is wrong, or null, and allocate nothing for a good value: they run on every request.
 */
public final class Names {

    /** The longest provider or route name. */
    public static final int MAX_NAME_LENGTH = 64;
    /** The longest model name; real ids stay far below it. */
    public static final int MAX_MODEL_LENGTH = 256;
    /** The longest {@code model} of a compatible API, which may be {@code provider/model}. */
    public static final int MAX_QUALIFIED_MODEL_LENGTH = MAX_NAME_LENGTH + 1 + MAX_MODEL_LENGTH;

    private Names() {
    }

    /** What is wrong with a provider or route name, or null. */
    public static String nameProblem(String name) {
        return name.isEmpty() ? "must not be empty" : problem(name, MAX_NAME_LENGTH);
    }

    /** What is wrong with a model name, or null. */
    public static String modelProblem(String model) {
        String problem = problem(model, MAX_MODEL_LENGTH);
        return problem != null ? problem : dotSegmentProblem(model);
    }

    /** What is wrong with the length or the characters of {@code value}, or null. */
    public static String problem(String value, int maxLength) {
        if (value.length() > maxLength) {
            return "longer than " + maxLength + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue;
            }
            int codePoint = value.codePointAt(i);
            String kind = refused(codePoint);
            if (kind != null) {
                return "contains " + kind + " (" + String.format("U+%04X", codePoint) + ")";
            }
            i += Character.charCount(codePoint) - 1;
        }
        return null;
    }

    /** Throws a 400 naming {@code field} when {@code problem} (from one of the checks) is not null. */
    public static void require(String field, String problem) {
        if (problem != null) {
            throw GatewayException.invalidRequest(field + ": " + problem);
        }
    }

    /**
     * {@code value} as a log line may show it: each refused character written as a Java escape (a backslash, a
     * {@code u} and four hex digits), a backslash or double quote preceded by a backslash, and cut after
     * {@code maxShown} characters with the full length added.
     */
    public static String printable(String value, int maxShown) {
        int end = Math.min(value.length(), maxShown);
        StringBuilder shown = new StringBuilder(end + 32);
        for (int i = 0; i < end;) {
            int codePoint = value.codePointAt(i);
            int length = Character.charCount(codePoint);
            if (codePoint == '\\' || codePoint == '"') {
                shown.append('\\').append((char) codePoint);
            } else if (refused(codePoint) == null) {
                shown.appendCodePoint(codePoint);
            } else {
                for (int j = i; j < i + length; j++) {
                    shown.append(String.format("\\u%04X", (int) value.charAt(j)));
                }
            }
            i += length;
        }
        if (end < value.length()) {
            shown.append("...(").append(value.length()).append(" characters)");
        }
        return shown.toString();
    }

    /** What kind of refused character this is, or null when it may be used. */
    private static String refused(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL -> "a control character";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line or paragraph separator";
            case Character.FORMAT -> "an invisible formatting character";
            case Character.SURROGATE -> "an unpaired surrogate";
            default -> null;
        };
    }

    private static String dotSegmentProblem(String model) {
        int start = 0;
        for (int i = 0; i <= model.length(); i++) {
            if (i == model.length() || model.charAt(i) == '/') {
                int length = i - start;
                if ((length == 1 || length == 2 && model.charAt(start + 1) == '.') && model.charAt(start) == '.') {
                    return "a \".\" or \"..\" segment is not allowed";
                }
                start = i + 1;
            }
        }
        return null;
    }
}
