package io.switchboard.metrics;

/**
 * The time one upstream exchange keeps the gateway waiting, from sending the request to the answer
 * (a non-streaming call's whole body, a stream's chunks). The first answer records the upstream
 * latency; every answer until the client's response headers go out counts as upstream waiting of
 * the request, which the gateway overhead excludes.
 */
public final class UpstreamWait {

    private static final UpstreamWait NONE = new UpstreamWait(null, null, false, 0);

    private final Exchange exchange;
    private final String provider;
    private final boolean stream;
    private final long sentNanos;
    private boolean answered;

    private UpstreamWait(Exchange exchange, String provider, boolean stream, long sentNanos) {
        this.exchange = exchange;
        this.provider = provider;
        this.stream = stream;
        this.sentNanos = sentNanos;
    }

    /**
     * Starts waiting for an upstream answer on behalf of {@code exchange}'s request; nothing is measured for
     * {@link Exchange#NONE}.
     */
    public static UpstreamWait begin(Exchange exchange, String provider, boolean stream) {
        return exchange == Exchange.NONE ? NONE
                : new UpstreamWait(exchange, provider, stream, exchange.upstreamSent());
    }

    /** Bytes of the answer arrived, or the exchange ended (failed, timed out): the wait is over until now. */
    public void received() {
        if (exchange == null) {
            return;
        }
        long now = System.nanoTime();
        if (!answered) {
            answered = true;
            exchange.metrics().upstream(provider, stream, now - sentNanos);
        }
        exchange.upstreamReceived(now);
    }
}
