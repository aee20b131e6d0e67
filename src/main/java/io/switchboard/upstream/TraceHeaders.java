package io.switchboard.upstream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.core.MultiMap;

/**
 * Puts the W3C {@code traceparent} of the current span on an upstream request, so the backend's
 * own trace joins the gateway's, with the {@code tracestate} the client sent held to the W3C limits
 * ({@link #bounded}). Writes nothing when there is no span (tracing off).
 */
final class TraceHeaders {

    static final String TRACESTATE = "tracestate";
    /** The most list members a tracestate has (W3C Trace Context). */
    static final int MAX_MEMBERS = 32;
    /** The tracestate length every vendor propagates (W3C Trace Context); a longer one is cut to it. */
    static final int MAX_LENGTH = 512;
    /** Members longer than this are the first to go when a tracestate is cut (W3C Trace Context). */
    static final int LONG_MEMBER = 128;

    private TraceHeaders() {
    }

    static void inject(MultiMap headers) {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, TraceHeaders::set);
    }

    private static void set(MultiMap headers, String name, String value) {
        if (!TRACESTATE.equals(name)) {
            headers.set(name, value);
            return;
        }
        // OpenTelemetry takes up to 32 members of up to 513 characters each from the client and sends them on as
        // they are: several kilobytes on every upstream call
        String bounded = bounded(value);
        if (!bounded.isEmpty()) {
            headers.set(name, bounded);
        }
    }

    /**
     * The tracestate within the W3C limits: the first 32 members, and then, while longer than 512 characters,
     * members over 128 characters removed from the end first, then any from the end. The value itself when it
     * is within them.
     */
    static String bounded(String tracestate) {
        if (tracestate.length() <= MAX_LENGTH && commas(tracestate) < MAX_MEMBERS) {
            return tracestate;
        }
        List<String> members = new ArrayList<>(Arrays.asList(tracestate.split(",")));
        if (members.size() > MAX_MEMBERS) {
            members.subList(MAX_MEMBERS, members.size()).clear();
        }
        int length = String.join(",", members).length();
        while (length > MAX_LENGTH) {
            int drop = lastLong(members);
            length -= members.remove(drop).length() + (members.isEmpty() ? 0 : 1);
        }
        return String.join(",", members);
    }

    /** The index of the last member longer than {@link #LONG_MEMBER}, or of the last member when none is. */
    private static int lastLong(List<String> members) {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i).length() > LONG_MEMBER) {
                return i;
            }
        }
        return members.size() - 1;
    }

    private static int commas(String value) {
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == ',') {
                count++;
            }
        }
        return count;
    }
}
