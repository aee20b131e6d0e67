package io.switchboard.routes;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.route.Route;

/**
 * The bounds of runtime routes ({@code switchboard.store.max-*}), checked when the admin API writes a route and
 * again when a replica reads one from the store, where another replica with other settings, or a hand-written
 * value, may have put anything. A failure is an {@link IllegalArgumentException} naming the field and the setting.
 * Configuration-file routes are the operator's own and are not bounded here.
 */
public record RouteLimits(int maxRoutes, long maxRouteBytes, int maxSystemPromptChars, int maxTargets, int maxTools) {

    static final String PREFIX = "switchboard.store.";

    static RouteLimits of(SwitchboardConfig.Store store) {
        return new RouteLimits(store.maxRoutes(), store.maxRouteSize().asLongValue(), store.maxSystemPromptChars(),
                store.maxTargets(), store.maxTools());
    }

    /** Checks the fields of a route (its size as stored is {@link #checkSize}'s). */
    void check(Route route) {
        checkCount("targets", route.targets().size(), maxTargets, "max-targets");
        checkCount("context_overflow_targets", route.contextOverflowTargets().size(), maxTargets, "max-targets");
        checkCount("tools", route.defaults().tools().size(), maxTools, "max-tools");
        String prompt = route.defaults().systemPrompt();
        if (prompt != null && prompt.length() > maxSystemPromptChars) {
            throw new IllegalArgumentException("system_prompt: longer than " + PREFIX + "max-system-prompt-chars ("
                    + maxSystemPromptChars + " characters)");
        }
    }

    /** Checks the size of a route's stored JSON, in bytes. */
    void checkSize(long bytes) {
        if (bytes > maxRouteBytes) {
            throw new IllegalArgumentException(overSize(bytes));
        }
    }

    String overSize(long bytes) {
        return "body: " + bytes + " bytes as stored, more than " + PREFIX + "max-route-size (" + maxRouteBytes
                + " bytes)";
    }

    private static void checkCount(String field, int count, int max, String setting) {
        if (count > max) {
            throw new IllegalArgumentException(field + ": " + count + " entries, more than " + PREFIX + setting + " ("
                    + max + ")");
        }
    }
}
