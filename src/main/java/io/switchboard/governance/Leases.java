package io.switchboard.governance;

/** How much budget a replica is leased at once (the Redis store's script does the same). */
final class Leases {

    /**
     * A lease takes an eighth of what is left, so that the next requests need no round trip, and one replica never
     * holds most of what the others may need.
     */
    static final int SHARE = 8;

    private Leases() {
    }

    /** What a lease of {@code need} gets when {@code available} is left: 0 when that cannot cover it. */
    static long grant(long available, long need) {
        if (available < need || need <= 0) {
            return 0;
        }
        return Math.min(available, Math.max(need, available / SHARE));
    }
}
