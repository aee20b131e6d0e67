package io.switchboard.errors;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one reading of an upstream's retry delay. Only a number of whole seconds ever leaves the
 * gateway, between 0 and {@link #MAX_SECONDS}: an upstream value is parsed (delay-seconds or an
 * HTTP date; Gemini's protobuf duration such as {@code "37s"} or {@code "0.5s"}), rounded up, clamped,
 * and dropped when it is neither, so no upstream text is relayed. A number too large for any type
 * ({@code 99999999999999999999}, {@code 1e309}, {@code 1e1000000s}) still means "wait long", so it
 * becomes {@link #MAX_SECONDS}; a negative number, {@code NaN} or {@code Infinity} means nothing and
 * is dropped. The number is read in one pass without converting it, so its length or exponent costs
 * nothing more.
 */
public final class RetryAfter {

    /** The longest delay passed on (one hour); an upstream asking for more gets this. */
    public static final long MAX_SECONDS = 3600;
    /** Longer values are not an HTTP date (which is 29 characters) and are not parsed as one. */
    private static final int MAX_DATE_LENGTH = 64;
    /** The whole digits of {@link #MAX_SECONDS}: any value with more is clamped. */
    private static final int MAX_WHOLE_DIGITS = 4;
    /** An exponent is read up to this; anything larger clamps (or rounds up) all the same. */
    private static final long EXPONENT_CEILING = 1_000_000_000L;
    private static final long MALFORMED = -1;

    private RetryAfter() {
    }

    /** A {@code Retry-After} header value: delay-seconds or an HTTP date; null when it is neither. */
    public static String fromHeader(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        long seconds = seconds(text, 0, text.length());
        if (seconds != MALFORMED) {
            return Long.toString(seconds);
        }
        if (text.length() > MAX_DATE_LENGTH) {
            return null;
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            long delay = Math.max(0, at.getEpochSecond() - Instant.now().getEpochSecond());
            return Long.toString(Math.min(delay, MAX_SECONDS));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A protobuf JSON duration ({@code "37s"}, {@code "0.5s"}): whole seconds rounded up; null when malformed. */
    public static String fromDuration(String value) {
        if (value == null || !value.endsWith("s")) {
            return null;
        }
        long seconds = seconds(value, 0, value.length() - 1);
        return seconds == MALFORMED ? null : Long.toString(seconds);
    }

    /**
     * {@code text[from, to)} as a non-negative decimal number of seconds ({@code 7}, {@code 0.5}, {@code 1e3},
     * {@code 2.5E-1}: digits, an optional fraction, an optional exponent), rounded up to whole seconds and
     * clamped to {@link #MAX_SECONDS}; {@link #MALFORMED} when it is anything else (a sign, {@code NaN}, a
     * leading or trailing dot). One pass: the value needs only where its first and last non-zero digits are.
     */
    static long seconds(String text, int from, int to) {
        int i = from;
        // positions among the digits, the dot left out
        int digits = 0;
        int wholeDigits = -1;
        int first = -1;
        int last = -1;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                if (c != '0') {
                    first = first < 0 ? digits : first;
                    last = digits;
                }
                digits++;
            } else if (c == '.' && wholeDigits < 0 && digits > 0) {
                wholeDigits = digits;
            } else {
                break;
            }
        }
        if (wholeDigits < 0) {
            wholeDigits = digits;
        } else if (digits == wholeDigits) {
            return MALFORMED;
        }
        if (digits == 0) {
            return MALFORMED;
        }
        long exponent = 0;
        if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negative = i < to && text.charAt(i) == '-';
            if (i < to && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentStart = i;
            while (i < to && isDigit(text.charAt(i))) {
                exponent = Math.min(EXPONENT_CEILING, exponent * 10 + (text.charAt(i) - '0'));
                i++;
            }
            if (i == exponentStart) {
                return MALFORMED;
            }
            exponent = negative ? -exponent : exponent;
        }
        if (i != to) {
            return MALFORMED;
        }
        if (first < 0) {
            return 0;
        }
        // the value is 0.d[first]d[first+1]... x 10^magnitude
        long magnitude = wholeDigits - first + exponent;
        if (magnitude > MAX_WHOLE_DIGITS) {
            return MAX_SECONDS;
        }
        if (magnitude <= 0) {
            return 1;
        }
        int end = first + (int) magnitude;
        long whole = 0;
        for (int k = first; k < end; k++) {
            whole = whole * 10 + (k < digits ? text.charAt(from + k + (k < wholeDigits ? 0 : 1)) - '0' : 0);
        }
        return Math.min(MAX_SECONDS, last >= end ? whole + 1 : whole);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
