package io.switchboard.governance;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;

/**
 * One key's counts on this replica, kept across changes of the key (a patch changes its {@link KeyGrant}, not what
 * it used): the requests and tokens of the current and the previous minute, this replica's and, as of the last
 * sync, the other replicas'; its requests in flight; its budget's lease; and the usage not yet reported to the
 * store. Every method holds the state's lock for a few additions: the lock is per key, and a key's requests are
 * what contends for it.
 * <p>
 * The per-minute counts make a sliding window: the previous minute weighs as much as is left of it in the last
 * sixty seconds.
 */
final class KeyState {

    static final long MINUTE_MILLIS = 60_000;

    private volatile KeyGrant grant;

    private long minute;
    /** This replica's requests and tokens: [previous minute, current minute]. */
    private final long[] requests = new long[2];
    private final long[] tokens = new long[2];
    /** What of them was reported. */
    private final long[] sentRequests = new long[2];
    private final long[] sentTokens = new long[2];
    /** The other replicas', as of the last report. */
    private final long[] otherRequests = new long[2];
    private final long[] otherTokens = new long[2];
    private int inflight;
    private int othersInflight;

    private long periodStart = Long.MIN_VALUE;
    /** Leased budget not reserved by a request. */
    private long slice;
    /** Whether a request reserved budget since the last report: an idle slice goes back to the store. */
    private boolean reservedSinceReport;
    /** What was left of the budget (spend and leases subtracted) at the last report; -1 before the first. */
    private long knownAvailable = -1;
    /** The lease from the store in flight, shared by the requests waiting for it; null when none is. */
    private Uni<Long> leasing;

    private long pendingRequests;
    private long pendingInput;
    private long pendingOutput;
    private long pendingSpent;
    private long pendingUnleased;
    private long pendingLateLease;

    KeyState(KeyGrant grant) {
        this.grant = grant;
    }

    KeyGrant grant() {
        return grant;
    }

    void grant(KeyGrant changed) {
        grant = changed;
    }

    /**
     * Counts a request in, or refuses it (429 {@code rate_limited}) when it would go over the key's rpm, its tpm is
     * used up, or its max_concurrent requests are in flight. The answer headers are filled in {@code headers} (when
     * not null): limit and remaining requests, limit and remaining tokens.
     */
    synchronized void enter(long now, long[] headers) {
        KeyGrant key = grant;
        roll(now / MINUTE_MILLIS);
        double weight = 1 - (now % MINUTE_MILLIS) / (double) MINUTE_MILLIS;
        double usedRequests = (requests[0] + otherRequests[0]) * weight + requests[1] + otherRequests[1];
        double usedTokens = (tokens[0] + otherTokens[0]) * weight + tokens[1] + otherTokens[1];
        if (headers != null) {
            headers[0] = key.rpm();
            headers[1] = Math.max(0, key.rpm() - (long) Math.ceil(usedRequests) - 1);
            headers[2] = key.tpm();
            headers[3] = Math.max(0, key.tpm() - (long) Math.ceil(usedTokens));
        }
        if (key.rpm() > 0 && usedRequests + 1 > key.rpm()) {
            throw limited("rpm", key.rpm(), now, requests[0] + otherRequests[0], requests[1] + otherRequests[1],
                    key.rpm() - 1);
        }
        if (key.tpm() > 0 && usedTokens >= key.tpm()) {
            throw limited("tpm", key.tpm(), now, tokens[0] + otherTokens[0], tokens[1] + otherTokens[1],
                    key.tpm() - 1);
        }
        if (key.maxConcurrent() > 0 && inflight + othersInflight >= key.maxConcurrent()) {
            throw GatewayException.builder(ErrorType.RATE_LIMITED, "key \"" + key.name() + "\": max_concurrent ("
                    + key.maxConcurrent() + ") requests in flight already; retry when one has ended").retryable()
                    .retryAfter("1").build();
        }
        requests[1]++;
        inflight++;
        pendingRequests++;
    }

    synchronized void left() {
        inflight--;
    }

    /**
     * Takes {@code micros} of budget from the slice this replica leased; false when the slice cannot cover them (a
     * lease from the store comes first).
     */
    synchronized boolean reserve(long now, long micros) {
        period(now);
        reservedSinceReport = true;
        if (slice < micros) {
            return false;
        }
        slice -= micros;
        return true;
    }

    /**
     * The lease from the store in flight for this key, started by {@code lease} when there is none: every request
     * that waits for budget shares it. Answers the micros granted.
     */
    synchronized Uni<Long> leasing(Supplier<Uni<Long>> lease) {
        if (leasing == null) {
            Uni<Long> shared = lease.get().onTermination().invoke(this::leaseEnded).memoize().indefinitely();
            leasing = shared;
            return shared;
        }
        return leasing;
    }

    private synchronized void leaseEnded() {
        leasing = null;
    }

    /** A lease of {@code granted} micros for a request reserving {@code micros}, counted in the period of {@code now}. */
    synchronized void leased(long now, long granted, long micros) {
        period(now);
        slice += granted - micros;
    }

    /**
     * A reservation granted without the store, which cannot be reached: from what was known to be left of the
     * budget at the last report, leased in the store once it is back; false when that cannot cover it.
     */
    synchronized boolean reserveOffline(long now, long micros) {
        period(now);
        if (knownAvailable < micros) {
            return false;
        }
        knownAvailable -= micros;
        pendingLateLease += micros;
        return true;
    }

    /**
     * What a request used: its tokens count towards tpm, its cost towards the budget; what was {@code reserved} and
     * not spent goes back to the slice.
     */
    synchronized void used(long now, long inputTokens, long outputTokens, long costMicros, long reserved) {
        roll(now / MINUTE_MILLIS);
        tokens[1] += inputTokens + outputTokens;
        pendingInput += inputTokens;
        pendingOutput += outputTokens;
        pendingSpent += costMicros;
        if (reserved > 0) {
            period(now);
            slice += Math.max(0, reserved - costMicros);
            pendingUnleased += Math.min(reserved, costMicros);
        }
    }

    /** A reservation given back whole: the call cost nothing (it failed before an answer). */
    synchronized void released(long now, long reserved) {
        period(now);
        slice += reserved;
    }

    /**
     * What this replica counted since the last report, marked as reported; an idle slice is given back with it. Null
     * when there is nothing to report and the key has no limit whose counts the other replicas need.
     */
    synchronized KeyStore.Report report(long now) {
        KeyGrant key = grant;
        roll(now / MINUTE_MILLIS);
        if (!reservedSinceReport && slice > 0) {
            pendingUnleased += slice;
            slice = 0;
        }
        reservedSinceReport = false;
        long previousRequests = requests[0] - sentRequests[0];
        long previousTokens = tokens[0] - sentTokens[0];
        long minuteRequests = requests[1] - sentRequests[1];
        long minuteTokens = tokens[1] - sentTokens[1];
        boolean pending = pendingRequests + pendingInput + pendingOutput + pendingSpent + pendingUnleased
                + pendingLateLease + previousRequests + previousTokens + minuteRequests + minuteTokens > 0;
        if (!pending && !key.limited() && !key.budgeted()) {
            return null;
        }
        System.arraycopy(requests, 0, sentRequests, 0, 2);
        System.arraycopy(tokens, 0, sentTokens, 0, 2);
        KeyStore.Report report = new KeyStore.Report(periodStart(now), pendingRequests, pendingInput,
                pendingOutput, pendingSpent, pendingUnleased, pendingLateLease, minute, previousRequests,
                previousTokens, minuteRequests, minuteTokens, inflight);
        pendingRequests = pendingInput = pendingOutput = pendingSpent = pendingUnleased = pendingLateLease = 0;
        return report;
    }

    /** A report that did not reach the store: its counts are reported again with the next. */
    synchronized void unreported(KeyStore.Report report) {
        pendingRequests += report.requests();
        pendingInput += report.inputTokens();
        pendingOutput += report.outputTokens();
        pendingSpent += report.spentMicros();
        pendingUnleased += report.unleasedMicros();
        pendingLateLease += report.lateLeaseMicros();
        int back = (int) (minute - report.minute());
        if (back == 0) {
            sentRequests[0] -= report.previousMinuteRequests();
            sentTokens[0] -= report.previousMinuteTokens();
            sentRequests[1] -= report.minuteRequests();
            sentTokens[1] -= report.minuteTokens();
        } else if (back == 1) {
            sentRequests[0] -= report.minuteRequests();
            sentTokens[0] -= report.minuteTokens();
        }
    }

    /** The store's totals after {@code report}: what the other replicas counted. */
    synchronized void totals(KeyStore.Report report, KeyStore.Totals totals) {
        KeyGrant key = grant;
        othersInflight = totals.othersInflight();
        if (key.budgeted() && report.periodStart() == periodStart) {
            knownAvailable = Math.max(0, key.budgetMicros() - totals.spentMicros() - totals.leasedMicros());
        }
        if (minute == report.minute()) {
            otherRequests[0] = Math.max(0, totals.previousMinuteRequests() - sentRequests[0]);
            otherTokens[0] = Math.max(0, totals.previousMinuteTokens() - sentTokens[0]);
            otherRequests[1] = Math.max(0, totals.minuteRequests() - sentRequests[1]);
            otherTokens[1] = Math.max(0, totals.minuteTokens() - sentTokens[1]);
        } else if (minute == report.minute() + 1) {
            otherRequests[0] = Math.max(0, totals.minuteRequests() - sentRequests[0]);
            otherTokens[0] = Math.max(0, totals.minuteTokens() - sentTokens[0]);
        }
    }

    /** When the budget period holding {@code now} started. */
    long periodStart(long now) {
        KeyGrant key = grant;
        return key.period().start(now, key.createdMillis());
    }

    /** A new period: the slice leased in the last one is gone with it (the store starts the period at 0). */
    private void period(long now) {
        long start = periodStart(now);
        if (start != periodStart) {
            periodStart = start;
            slice = 0;
            knownAvailable = -1;
        }
    }

    private void roll(long now) {
        if (now == minute) {
            return;
        }
        boolean next = now == minute + 1;
        requests[0] = next ? requests[1] : 0;
        tokens[0] = next ? tokens[1] : 0;
        sentRequests[0] = next ? sentRequests[1] : 0;
        sentTokens[0] = next ? sentTokens[1] : 0;
        otherRequests[0] = next ? otherRequests[1] : 0;
        otherTokens[0] = next ? otherTokens[1] : 0;
        requests[1] = tokens[1] = sentRequests[1] = sentTokens[1] = otherRequests[1] = otherTokens[1] = 0;
        minute = now;
    }

    /**
     * 429 for a per-minute limit: retry once the window has slid far enough that one more fits, that is when the
     * previous minute's share has shrunk enough, or else at the next minute.
     */
    private GatewayException limited(String limit, long max, long now, long previous, long current, long fits) {
        long intoMinute = now % MINUTE_MILLIS;
        long waitMillis;
        if (current <= fits && previous > 0) {
            // previous * (1 - (intoMinute + wait) / 60 s) + current <= fits
            waitMillis = (long) Math.ceil(MINUTE_MILLIS * (1 - (fits - current) / (double) previous)) - intoMinute;
        } else {
            waitMillis = MINUTE_MILLIS - intoMinute;
        }
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        return GatewayException.builder(ErrorType.RATE_LIMITED, "key \"" + grant.name() + "\": " + limit + " (" + max
                + " per minute) reached; retry after " + seconds + " s").retryable().retryAfter(String.valueOf(seconds))
                .build();
    }
}
