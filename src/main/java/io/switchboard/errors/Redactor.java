package io.switchboard.errors;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place where error text is made safe to leave the gateway. Upstreams sometimes quote what
 * they were sent (OpenAI: "Incorrect API key provided: sk-proj-****Ab12"; a proxy echoing a header),
 * so a message loses every secret it holds — each credential and configured header value, in plain
 * text, URL-encoded and base64 (of the value alone or inside {@code user:key}) — and anything shaped
 * like a provider key. Only then is it cut to {@link #MAX_LENGTH}, so a secret that straddles the
 * cut cannot leave half of itself behind.
 */
public final class Redactor {

    /** The longest message passed on. */
    public static final int MAX_LENGTH = 500;
    /** Shorter values are not treated as secrets: they would blank out ordinary words. */
    private static final int MIN_SECRET = 4;
    private static final Pattern KEY_SHAPES = Pattern.compile(
            "(sk-[A-Za-z0-9_*\\-]{4,}|AIza[0-9A-Za-z_\\-]{8,}|(?i:bearer)\\s+[A-Za-z0-9._*\\-]{8,})");
    private static final String REDACTED = "[redacted]";
    /** How much of a long text is scanned: far more than is kept plus the longest secret. */
    private static final int SCAN_LENGTH = 16 * 1024;

    private Redactor() {
    }

    /** The text without the secrets, their encodings and key-shaped words, at most {@link #MAX_LENGTH} characters. */
    public static String redact(String text, Iterable<String> secrets) {
        if (text == null) {
            return null;
        }
        // Nothing past this point can reach the 500 characters kept, whatever is removed before it.
        String result = text.length() > SCAN_LENGTH ? text.substring(0, SCAN_LENGTH) : text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= MIN_SECRET) {
                for (String form : forms(secret)) {
                    result = result.replace(form, REDACTED);
                }
            }
        }
        result = KEY_SHAPES.matcher(result).replaceAll(REDACTED);
        return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) + "…" : result;
    }

    /** As above, for a few secrets (nulls are skipped). */
    public static String redact(String text, String... secrets) {
        return redact(text, java.util.Arrays.asList(secrets));
    }

    /**
     * The spellings a secret may take in an upstream's echo, longest first so a longer form is not
     * broken by replacing a shorter one inside it: URL-encoded, and base64 at each of the three
     * alignments it can have inside a longer encoded value ({@code base64("user:" + key)}), keeping
     * only the characters that depend on the secret alone.
     */
    static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>(6);
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // characters touched by the filler bytes before, or by what may follow, depend on other data
            int from = (shift * 8 + 5) / 6;
            int to = (shifted.length * 8) / 6;
            if (to - from >= MIN_SECRET * 2) {
                forms.add(encoded.substring(from, to));
            }
        }
        String urlEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        if (!urlEncoded.equals(secret)) {
            forms.add(urlEncoded);
            forms.add(urlEncoded.replace("+", "%20"));
        }
        forms.add(secret);
        forms.sort((a, b) -> b.length() - a.length());
        return forms;
    }
}
