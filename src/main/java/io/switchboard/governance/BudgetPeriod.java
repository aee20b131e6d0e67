package io.switchboard.governance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The period a key's budget and usage are counted over, in UTC; {@code total} never starts again. */
public enum BudgetPeriod {
    DAY,
    WEEK,
    MONTH,
    TOTAL;

    public static BudgetPeriod of(String wireName) {
        try {
            return valueOf(wireName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("budget_period: must be day, week, month or total, got \"" + wireName
                    + "\"");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** When the period holding {@code nowMillis} started, in epoch milliseconds; {@code created} for total. */
    public long start(long nowMillis, long createdMillis) {
        LocalDate today = Instant.ofEpochMilli(nowMillis).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate first = switch (this) {
            case DAY -> today;
            case WEEK -> today.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case MONTH -> today.withDayOfMonth(1);
            case TOTAL -> null;
        };
        return first == null ? createdMillis : first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** When the period starting at {@code startMillis} ends: the next one starts; Long.MAX_VALUE for total. */
    public long end(long startMillis) {
        LocalDate start = Instant.ofEpochMilli(startMillis).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate next = switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case TOTAL -> null;
        };
        return next == null ? Long.MAX_VALUE : next.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
