package io.switchboard.metrics;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The access log's string escaping. JSON itself escapes only the quote, the backslash and C0; a log line also
 * travels through terminals, log viewers and collectors that split or reorder text on other characters. So
 * every character that could end a line, or hide or reorder what follows it, is written as a {@code \}{@code u}
 * escape as well: DEL, the C1 controls (U+0085 NEXT LINE among them), U+2028 and U+2029, and the format
 * characters (the bidi marks, embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, zero-width
 * characters, the byte order mark). Any other character is written as it is.
 */
final class LineEscapes extends CharacterEscapes {

    private static final int[] ASCII = asciiEscapes();

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    /** Called for characters above ASCII only; null writes the character as it is. */
    @Override
    public SerializableString getEscapeSequence(int ch) {
        return escaped(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
    }

    static boolean escaped(int ch) {
        int type = Character.getType(ch);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static int[] asciiEscapes() {
        int[] escapes = standardAsciiEscapesForJSON();
        escapes[0x7F] = ESCAPE_STANDARD;
        return escapes;
    }
}
