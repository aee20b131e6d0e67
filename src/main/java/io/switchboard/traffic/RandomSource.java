package io.switchboard.traffic;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the jitter and the balancing strategies draw their random numbers: the thread's own generator in
 * production (no shared state between event loops), a seeded one in tests so that orders are reproducible.
 */
public interface RandomSource {

    RandomSource THREAD_LOCAL = new RandomSource() {
        @Override
        public int nextInt(int bound) {
            return ThreadLocalRandom.current().nextInt(bound);
        }

        @Override
        public double nextDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }
    };

    /** A number in {@code [0, bound)}. */
    int nextInt(int bound);

    /** A number in {@code [0, 1)}. */
    double nextDouble();

    /** A reproducible source for tests (not thread-safe). */
    static RandomSource seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new RandomSource() {
            @Override
            public int nextInt(int bound) {
                return random.nextInt(bound);
            }

            @Override
            public double nextDouble() {
                return random.nextDouble();
            }
        };
    }
}
