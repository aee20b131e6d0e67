package io.switchboard.traffic;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts one provider's requests in flight (the least-busy and latency strategies read it) and, with a
 * limit, refuses a request that would go over it. Event loops share it, so it is one atomic counter.
 */
public final class ConcurrencyLimiter {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param limit the most requests in flight; 0 or less counts without limiting */
    public ConcurrencyLimiter(int limit) {
        this.limit = limit;
    }

    /** Takes a slot; false (and nothing taken) when the limit is reached. */
    public boolean tryAcquire() {
        if (limit <= 0) {
            inFlight.incrementAndGet();
            return true;
        }
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int limit() {
        return limit;
    }
}
