package io.switchboard.traffic;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider's recent latency as a peak-sensitive moving average: a sample above the estimate replaces it at
 * once (a slowing backend is noticed on the first slow answer), a sample below is blended in with a weight
 * that grows with the time since the last sample ({@code 1 - e^(-Δt/τ)}), so the estimate decays back over
 * about {@code τ}. The load-aware cost multiplies it by the requests in flight plus one.
 * <p>
 * The estimate is kept as the bits of a double in one atomic, updated by compare-and-set.
 */
public final class PeakEwma {

    private final double decayNanos;
    private final AtomicLong estimateBits = new AtomicLong(Double.doubleToRawLongBits(0));
    private volatile long lastSampleNanos;

    public PeakEwma(long decayNanos) {
        this.decayNanos = decayNanos;
        this.lastSampleNanos = System.nanoTime();
    }

    /** Adds a latency sample taken at {@code nowNanos}. */
    public void observe(long sampleNanos, long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastSampleNanos);
        lastSampleNanos = nowNanos;
        double weight = Math.exp(-elapsed / decayNanos);
        while (true) {
            long bits = estimateBits.get();
            double current = Double.longBitsToDouble(bits);
            double next = sampleNanos > current ? sampleNanos : current * weight + sampleNanos * (1 - weight);
            if (estimateBits.compareAndSet(bits, Double.doubleToRawLongBits(next))) {
                return;
            }
        }
    }

    /** The current estimate in nanoseconds; 0 before the first sample. */
    public double estimateNanos() {
        return Double.longBitsToDouble(estimateBits.get());
    }

    /** The estimate weighted by load: lower is better, and an unmeasured provider costs 0 (it gets tried). */
    public double cost(int inFlight) {
        return estimateNanos() * (inFlight + 1);
    }
}
