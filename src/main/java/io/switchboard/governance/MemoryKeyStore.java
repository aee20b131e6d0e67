package io.switchboard.governance;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * The default store ({@code switchboard.store.type=memory}): this process only, gone when it stops. Every operation
 * holds the store's lock for a few map operations; requests never come here but through the key's local counters,
 * which report in the background.
 */
@Singleton
@Identifier("memory")
public final class MemoryKeyStore implements KeyStore {

    /** One key's counts. */
    private static final class Ledger {
        long periodStart = Long.MIN_VALUE;
        long requests;
        long inputTokens;
        long outputTokens;
        long spent;
        long leased;
        long minute;
        long previousRequests;
        long previousTokens;
        long minuteRequests;
        long minuteTokens;

        /** Starts the period over when {@code start} is a later one; false when {@code start} is an earlier one. */
        boolean in(long start) {
            if (start > periodStart) {
                periodStart = start;
                requests = inputTokens = outputTokens = spent = leased = 0;
            }
            return start == periodStart;
        }

        /** Moves on to minute {@code now}; an earlier minute is not gone back to. */
        void roll(long now) {
            if (now <= minute) {
                return;
            }
            boolean next = now == minute + 1;
            previousRequests = next ? minuteRequests : 0;
            previousTokens = next ? minuteTokens : 0;
            minuteRequests = minuteTokens = 0;
            minute = now;
        }
    }

    private final TreeMap<String, String> bodies = new TreeMap<>();
    private final Map<String, Ledger> ledgers = new HashMap<>();
    private long version;

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public Uni<Long> version() {
        return Uni.createFrom().item(this::currentVersion);
    }

    @Override
    public Uni<Contents> all() {
        return Uni.createFrom().item(this::contents);
    }

    @Override
    public Uni<String> get(String id) {
        return Uni.createFrom().item(() -> body(id));
    }

    @Override
    public Uni<Outcome> create(String id, String body, int maxKeys) {
        return Uni.createFrom().item(() -> write(id, body, null, maxKeys));
    }

    @Override
    public Uni<Outcome> replace(String id, String body, String expected) {
        return Uni.createFrom().item(() -> write(id, body, expected, Integer.MAX_VALUE));
    }

    @Override
    public Uni<Outcome> delete(String id) {
        return Uni.createFrom().item(() -> remove(id));
    }

    @Override
    public Uni<Long> lease(String id, long periodStart, long budgetMicros, long needMicros) {
        return Uni.createFrom().item(() -> leased(id, periodStart, budgetMicros, needMicros));
    }

    @Override
    public Uni<Totals> report(String id, String replica, long nowMillis, Report report) {
        return Uni.createFrom().item(() -> add(id, report));
    }

    @Override
    public Uni<Usage> usage(String id, long periodStart) {
        return Uni.createFrom().item(() -> usageOf(id, periodStart));
    }

    private synchronized long currentVersion() {
        return version;
    }

    private synchronized Contents contents() {
        return new Contents(version, new TreeMap<>(bodies));
    }

    private synchronized String body(String id) {
        return bodies.get(id);
    }

    private synchronized Outcome write(String id, String body, String expected, int maxKeys) {
        String current = bodies.get(id);
        if (expected == null) {
            if (current != null) {
                return Outcome.CHANGED;
            }
            if (bodies.size() >= maxKeys) {
                return Outcome.FULL;
            }
        } else if (current == null) {
            return Outcome.MISSING;
        } else if (!current.equals(expected)) {
            return Outcome.CHANGED;
        }
        bodies.put(id, body);
        version++;
        return current == null ? Outcome.CREATED : Outcome.REPLACED;
    }

    private synchronized Outcome remove(String id) {
        if (bodies.remove(id) == null) {
            return Outcome.MISSING;
        }
        ledgers.remove(id);
        version++;
        return Outcome.DELETED;
    }

    private synchronized long leased(String id, long periodStart, long budget, long need) {
        Ledger ledger = ledgers.computeIfAbsent(id, ignored -> new Ledger());
        if (!ledger.in(periodStart)) {
            return 0;
        }
        long grant = Leases.grant(budget - ledger.spent - ledger.leased, need);
        ledger.leased += grant;
        return grant;
    }

    private synchronized Totals add(String id, Report report) {
        Ledger ledger = ledgers.computeIfAbsent(id, ignored -> new Ledger());
        if (ledger.in(report.periodStart())) {
            ledger.requests += report.requests();
            ledger.inputTokens += report.inputTokens();
            ledger.outputTokens += report.outputTokens();
            ledger.spent += report.spentMicros();
            ledger.leased = Math.max(0, ledger.leased + report.lateLeaseMicros() - report.unleasedMicros());
        }
        ledger.roll(report.minute());
        ledger.previousRequests += report.previousMinuteRequests();
        ledger.previousTokens += report.previousMinuteTokens();
        ledger.minuteRequests += report.minuteRequests();
        ledger.minuteTokens += report.minuteTokens();
        return new Totals(ledger.previousRequests, ledger.previousTokens, ledger.minuteRequests, ledger.minuteTokens,
                0, ledger.spent, ledger.leased);
    }

    private synchronized Usage usageOf(String id, long periodStart) {
        Ledger ledger = ledgers.get(id);
        if (ledger == null || ledger.periodStart != periodStart) {
            return new Usage(periodStart, 0, 0, 0, 0);
        }
        return new Usage(periodStart, ledger.requests, ledger.inputTokens, ledger.outputTokens, ledger.spent);
    }
}
