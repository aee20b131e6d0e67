package io.switchboard.errors;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one reading of an upstream's retry delay. Only a number of whole seconds ever leaves the
 * gateway, between 0 and {@link #MAX_SECONDS}: an upstream value is parsed (delay-seconds or an
 * HTTP date; Gemini's protobuf duration such as {@code "37s"} or {@code "0.5s"}), clamped, and
 * dropped when it is neither, so no upstream text is relayed. The parsing is linear in the length
 * and refuses long input first, so a hostile value ({@code 1e50000000s}) costs nothing.
 */
public final class RetryAfter {

    /** The longest delay passed on (one hour); an upstream asking for more gets this. */
    public static final long MAX_SECONDS = 3600;
    /** Longer values are not a delay any backend sends (an HTTP date is 29 characters). */
    private static final int MAX_LENGTH = 64;

    private RetryAfter() {
    }

    /** A {@code Retry-After} header value: delay-seconds or an HTTP date; null when it is neither. */
    public static String fromHeader(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        if (allDigits(text, 0, text.length())) {
            return clamp(text);
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            long seconds = Math.max(0, at.getEpochSecond() - Instant.now().getEpochSecond());
            return Long.toString(Math.min(seconds, MAX_SECONDS));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A protobuf JSON duration ({@code "37s"}, {@code "0.5s"}): whole seconds rounded up; null when malformed. */
    public static String fromDuration(String value) {
        if (value == null || value.length() < 2 || value.length() > MAX_LENGTH || !value.endsWith("s")) {
            return null;
        }
        int end = value.length() - 1;
        int dot = value.indexOf('.');
        if (dot < 0) {
            return allDigits(value, 0, end) ? clamp(value.substring(0, end)) : null;
        }
        if (dot == 0 || !allDigits(value, 0, dot) || dot + 1 == end || !allDigits(value, dot + 1, end)) {
            return null;
        }
        boolean fraction = value.substring(dot + 1, end).chars().anyMatch(c -> c != '0');
        String whole = clamp(value.substring(0, dot));
        long seconds = Long.parseLong(whole);
        return Long.toString(Math.min(MAX_SECONDS, fraction ? seconds + 1 : seconds));
    }

    /** Digits only, any count: the value, or {@link #MAX_SECONDS} when larger. */
    private static String clamp(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
        if (trimmed.length() > 6) {
            return Long.toString(MAX_SECONDS);
        }
        return Long.toString(Math.min(MAX_SECONDS, Long.parseLong(trimmed)));
    }

    private static boolean allDigits(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
