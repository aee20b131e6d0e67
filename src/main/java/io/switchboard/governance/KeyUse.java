package io.switchboard.governance;

import io.smallrye.mutiny.Uni;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.metrics.Exchange;

/**
 * One request made with a virtual key, from the gateway's check of what it calls to its end: what it may call
 * (403 {@code forbidden} otherwise), its admission (rpm, tpm, max_concurrent: 429 {@code rate_limited}), the
 * reservation of its worst case on the key's budget (429 {@code budget_exceeded}) and the settlement at its real
 * cost, a stream's included, also when the client hangs up. Made by the door's filter only for a request with a
 * virtual key; a request without one has none, and costs nothing here.
 */
public final class KeyUse {

    private static final String LIMIT_REQUESTS = "x-ratelimit-limit-requests";
    private static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
    private static final String LIMIT_TOKENS = "x-ratelimit-limit-tokens";
    private static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";
    /** Characters per token, for an input or output size counted in characters. */
    private static final int CHARS_PER_TOKEN = 4;

    private final KeyRegistry keys;
    private final KeyState state;
    private final KeyGrant grant;
    private long worstMicros;
    private long inputEstimate;
    private long reserved;
    private boolean entered;
    private boolean settled;
    private String streamProvider;
    private String streamModel;
    private long streamedChars;

    KeyUse(KeyRegistry keys, KeyState state) {
        this.keys = keys;
        this.state = state;
        this.grant = state.grant();
    }

    /** The key's name, for the access log. */
    public String name() {
        return grant.name();
    }

    /** 403 when the key may not call the provider or route {@code target}. */
    public void allowTarget(String target) {
        if (grant.routes() != null && !grant.routes().contains(target)) {
            throw GatewayException.of(ErrorType.FORBIDDEN, "key \"" + grant.name() + "\" may not use \"" + target
                    + "\" (its routes: " + String.join(", ", new java.util.TreeSet<>(grant.routes())) + ")");
        }
    }

    /**
     * 403 when the key may not call {@code model} (one of the target's models); on a budgeted key also when the
     * model has no price, since its spend could not be counted. Reserves the worst case of the most expensive one.
     *
     * @param bodyBytes the request body's size (its input is estimated at four bytes a token), or -1 when unknown
     * @param maxOutputTokens what the call may answer at most: its max_tokens, or the provider's
     */
    public void allowModel(String provider, String model, long bodyBytes, long maxOutputTokens) {
        if (grant.models() != null && !grant.models().contains(model)) {
            throw GatewayException.of(ErrorType.FORBIDDEN, "key \"" + grant.name() + "\" may not use model \"" + model
                    + "\" (its models: " + String.join(", ", new java.util.TreeSet<>(grant.models())) + ")");
        }
        if (!grant.budgeted()) {
            return;
        }
        inputEstimate = bodyBytes >= 0 ? (bodyBytes + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN
                : keys.defaultMaxTokens();
        long maxOutput = maxOutputTokens > 0 ? maxOutputTokens : keys.defaultMaxTokens();
        double worst = keys.pricing().worstCase(provider, model, inputEstimate, maxOutput);
        if (Double.isNaN(worst)) {
            throw GatewayException.of(ErrorType.FORBIDDEN, "key \"" + grant.name() + "\" has a budget, and model \""
                    + model + "\" of provider \"" + provider + "\" has no price: its spend could not be counted "
                    + "(price it with switchboard.providers." + provider + ".pricing)");
        }
        worstMicros = Math.max(worstMicros, Math.max(1, Money.micros(worst)));
    }

    /**
     * Counts the request in against the key's limits, puts the rate-limit headers on the answer, and reserves its
     * worst case on the budget: at once from this replica's lease, or after one lease from the store.
     */
    public Uni<Void> admit(Exchange exchange) {
        long now = System.currentTimeMillis();
        if (grant.rateLimited()) {
            long[] headers = new long[4];
            try {
                state.enter(now, headers);
            } finally {
                headers(exchange, headers);
            }
        } else {
            state.enter(now, null);
        }
        entered = true;
        if (worstMicros == 0) {
            return KeyRegistry.ADMITTED;
        }
        if (state.reserve(now, worstMicros)) {
            reserved = worstMicros;
            return KeyRegistry.ADMITTED;
        }
        return keys.lease(state, grant, now, worstMicros).invoke(() -> reserved = worstMicros);
    }

    private void headers(Exchange exchange, long[] headers) {
        if (headers[0] > 0) {
            exchange.answerHeader(LIMIT_REQUESTS, Long.toString(headers[0]));
            exchange.answerHeader(REMAINING_REQUESTS, Long.toString(headers[1]));
        }
        if (headers[2] > 0) {
            exchange.answerHeader(LIMIT_TOKENS, Long.toString(headers[2]));
            exchange.answerHeader(REMAINING_TOKENS, Long.toString(headers[3]));
        }
    }

    /**
     * The answer's usage and its cost (NaN: unpriced): its tokens and its cost are counted, the rest of the
     * reservation given back.
     */
    public synchronized void answered(Usage usage, double cost) {
        if (settled || !entered) {
            return;
        }
        settled = true;
        long input = usage == null ? 0
                : orZero(usage.inputTokens()) + orZero(usage.cacheReadInputTokens())
                        + orZero(usage.cacheCreationInputTokens());
        long output = usage == null || usage.outputTokens() == null ? 0 : usage.outputTokens();
        // a model priced for the reservation but not for the cost is charged what was reserved, never 0
        long micros = Double.isNaN(cost) ? reserved : Money.micros(cost);
        state.used(System.currentTimeMillis(), input, output, micros, reserved);
    }

    private static long orZero(Integer tokens) {
        return tokens == null ? 0 : tokens;
    }

    /** Text a stream sent, so that a stream the client cuts is charged for what the backend produced. */
    public void streamed(String provider, String model, int chars) {
        streamProvider = provider;
        streamModel = model;
        streamedChars += chars;
    }

    /**
     * The request ended. A stream cut before its usage came is charged its input estimate and the tokens of what
     * was streamed; a call that failed before any output gives its reservation back.
     */
    public synchronized void end() {
        if (!entered) {
            return;
        }
        entered = false;
        state.left();
        if (settled) {
            return;
        }
        settled = true;
        if (streamedChars > 0) {
            Usage estimate = new Usage((int) Math.min(Integer.MAX_VALUE, inputEstimate),
                    (int) Math.min(Integer.MAX_VALUE, (streamedChars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN), null,
                    null, null, null);
            double cost = keys.pricing().cost(streamProvider, streamModel, estimate);
            long micros = Double.isNaN(cost) ? reserved : Money.micros(cost);
            state.used(System.currentTimeMillis(), estimate.inputTokens(), estimate.outputTokens(), micros, reserved);
        } else if (reserved > 0) {
            state.released(System.currentTimeMillis(), reserved);
        }
    }
}
