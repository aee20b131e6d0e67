package io.switchboard.governance;

import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * Where virtual keys and their counts are kept: each key as its {@link VirtualKey} JSON under its id, a version that
 * every key write bumps (a replica learns of a change by reading one number), and per key its usage in the current
 * period, its budget's spend and leases, and the requests and tokens of the last minutes counted by every replica.
 * The memory store keeps all of it in this process; the Redis store shares it between replicas, each write one
 * atomic script.
 */
public interface KeyStore {

    /** The keys of a store read at one version. */
    record Contents(long version, Map<String, String> bodies) {
    }

    /** What a write did, or why it did nothing. */
    enum Outcome {
        CREATED,
        REPLACED,
        DELETED,
        /** No key of that id. */
        MISSING,
        /** The key is not as it was read: another write came between. */
        CHANGED,
        /** A new key refused: the store holds the most keys already. */
        FULL
    }

    /**
     * What one replica counted for a key since its last report.
     *
     * @param periodStart the start of the budget period the counts belong to (epoch ms); counts of a period the
     *        store has left behind are dropped
     * @param spentMicros what the answers cost, in millionths of a USD
     * @param unleasedMicros what leaves the replica's leases: the spend paid from them and the slice given back
     * @param lateLeaseMicros budget this replica granted itself while the store was unreachable, leased now
     * @param minute the minute (epoch ms / 60000) of {@code minuteRequests} and {@code minuteTokens}
     * @param inflight the requests of the key this replica is serving now
     */
    record Report(long periodStart, long requests, long inputTokens, long outputTokens, long spentMicros,
            long unleasedMicros, long lateLeaseMicros, long minute, long previousMinuteRequests,
            long previousMinuteTokens, long minuteRequests, long minuteTokens, int inflight) {
    }

    /**
     * What every replica counted for a key, as the store knows after a report: requests and tokens of the previous
     * and the current minute, the other replicas' requests in flight, the budget's spend and outstanding leases.
     */
    record Totals(long previousMinuteRequests, long previousMinuteTokens, long minuteRequests, long minuteTokens,
            int othersInflight, long spentMicros, long leasedMicros) {
    }

    /** A key's usage in a period. */
    record Usage(long periodStart, long requests, long inputTokens, long outputTokens, long spentMicros) {
    }

    /** The store's kind, for logs and health: {@code memory} or {@code redis}. */
    String kind();

    /** Whether other processes write to it too, so changes must be looked for. */
    boolean shared();

    /** The current version: it changes on every key write, by any replica. */
    Uni<Long> version();

    Uni<Contents> all();

    /** The stored body of one key, or null. */
    Uni<String> get(String id);

    /** Creates a key, unless the store holds {@code maxKeys} already. */
    Uni<Outcome> create(String id, String body, int maxKeys);

    /** Replaces a key when its stored body still is {@code expected}. */
    Uni<Outcome> replace(String id, String body, String expected);

    /** Removes a key and its counts. */
    Uni<Outcome> delete(String id);

    /**
     * Leases budget to this replica: at least {@code needMicros}, more when plenty is left (so that the next requests
     * need no round trip), never more than {@code budgetMicros} minus the period's spend and outstanding leases.
     *
     * @return the micros granted, 0 when the budget cannot cover {@code needMicros}
     */
    Uni<Long> lease(String id, long periodStart, long budgetMicros, long needMicros);

    /** Adds a replica's counts and answers the totals; {@code replica} tells the replicas' requests in flight apart. */
    Uni<Totals> report(String id, String replica, long nowMillis, Report report);

    /** The key's usage in the period starting at {@code periodStart} (zero for a period not yet counted). */
    Uni<Usage> usage(String id, long periodStart);
}
