package io.switchboard.upstream;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.vertx.core.MultiMap;

/**
 * Puts the W3C {@code traceparent} of the current span on an upstream request, so the backend's
 * own trace joins the gateway's. Writes nothing when there is no span (tracing off).
 */
final class TraceHeaders {

    private TraceHeaders() {
    }

    static void inject(MultiMap headers) {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, MultiMap::set);
    }
}
