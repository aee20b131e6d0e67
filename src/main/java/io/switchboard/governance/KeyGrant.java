package io.switchboard.governance;

import java.time.Instant;
import java.util.Set;

/**
 * What a key allows, read once from its {@link VirtualKey} when a replica installs it: the request path asks these
 * fields, not the JSON. A limit of 0 means none.
 */
record KeyGrant(String id, String name, Set<String> routes, Set<String> models, long rpm, long tpm, int maxConcurrent,
        long budgetMicros, BudgetPeriod period, long expiresMillis, long createdMillis) {

    static KeyGrant of(VirtualKey key) {
        KeyBody body = key.body();
        return new KeyGrant(key.id(), body.name(), body.routes() == null ? null : Set.copyOf(body.routes()),
                body.models() == null ? null : Set.copyOf(body.models()), orZero(body.rpm()), orZero(body.tpm()),
                (int) orZero(body.maxConcurrent()),
                body.budgetUsd() == null ? 0 : Math.max(1, Money.micros(body.budgetUsd())),
                body.budgetPeriod() == null ? BudgetPeriod.TOTAL : BudgetPeriod.of(body.budgetPeriod()),
                body.expiresAt() == null ? Long.MAX_VALUE : Instant.parse(body.expiresAt()).toEpochMilli(),
                Instant.parse(key.createdAt()).toEpochMilli());
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }

    boolean rateLimited() {
        return rpm > 0 || tpm > 0;
    }

    /** Whether its counts must be shared with the other replicas at every sync, used or not. */
    boolean limited() {
        return rpm > 0 || tpm > 0 || maxConcurrent > 0;
    }

    boolean budgeted() {
        return budgetMicros > 0;
    }
}
