package io.switchboard.governance;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an admin writes of a virtual key (snake-case JSON): its name, what it may call, its limits and budget. Null
 * means "not set": no restriction, no limit. {@link #checked} names the field that is wrong.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyBody(String name, List<String> routes, List<String> models, Integer rpm, Integer tpm,
        Integer maxConcurrent, Double budgetUsd, String budgetPeriod, String expiresAt, ObjectNode metadata) {

    /** The fields of a key body, in the order the API lists them. */
    public static final List<String> FIELDS = List.of("name", "routes", "models", "rpm", "tpm", "max_concurrent",
            "budget_usd", "budget_period", "expires_at", "metadata");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@:/-]{0,63}");
    private static final int MAX_LIST = 64;
    private static final int MAX_METADATA_CHARS = 4096;

    /**
     * This body checked; {@code budget_period} defaults to {@code total} when a budget is set. An
     * {@link IllegalArgumentException} names the field that is wrong.
     */
    public KeyBody checked() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: required, 1 to 64 letters, digits, spaces or . _ @ : / -, "
                    + "starting with a letter or digit");
        }
        names("routes", routes);
        names("models", models);
        positive("rpm", rpm);
        positive("tpm", tpm);
        positive("max_concurrent", maxConcurrent);
        if (budgetUsd != null && !(budgetUsd > 0 && budgetUsd <= 1e9)) {
            throw new IllegalArgumentException("budget_usd: must be a number of USD above 0 and at most 1e9");
        }
        String period = budgetPeriod;
        if (period != null) {
            BudgetPeriod.of(period);
            if (budgetUsd == null) {
                throw new IllegalArgumentException("budget_period: needs budget_usd");
            }
        } else if (budgetUsd != null) {
            period = BudgetPeriod.TOTAL.wireName();
        }
        if (expiresAt != null) {
            try {
                Instant.parse(expiresAt);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expires_at: must be an RFC 3339 UTC time, e.g. 2027-01-31T00:00:00Z");
            }
        }
        if (metadata != null && metadata.toString().length() > MAX_METADATA_CHARS) {
            throw new IllegalArgumentException("metadata: larger than " + MAX_METADATA_CHARS + " characters as JSON");
        }
        return new KeyBody(name, routes, models, rpm, tpm, maxConcurrent, budgetUsd, period, expiresAt, metadata);
    }

    private static void names(String field, List<String> values) {
        if (values == null) {
            return;
        }
        if (values.isEmpty() || values.size() > MAX_LIST) {
            throw new IllegalArgumentException(field + ": 1 to " + MAX_LIST + " names (leave it out for no restriction)");
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank() || value.length() > 256) {
                throw new IllegalArgumentException(field + "[" + i + "]: must be a name of 1 to 256 characters");
            }
        }
    }

    private static void positive(String field, Integer value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(field + ": must be a whole number above 0 (leave it out for no limit)");
        }
    }
}
