package io.switchboard.api;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;

/**
 * The per-request limits every API door applies the same way: how many messages and parts one request may
 * carry, and how many streams this instance holds open at once, whichever dialect opened them.
 */
@ApplicationScoped
public class RequestLimits {

    private final int maxParts;
    private final int maxStreams;
    /** Streams open now; each holds a client connection, an upstream connection and a parser. */
    private final AtomicInteger openStreams = new AtomicInteger();

    public RequestLimits(SwitchboardConfig config) {
        this.maxParts = config.maxParts();
        this.maxStreams = config.stream().maxConcurrent();
    }

    /**
     * Every message and part costs work on the event loop, here and on the way to the backend: their
     * number is bounded, so one body cannot stall the other requests of its loop for long.
     */
    public void checkSize(AIContext context) {
        if (context.messages() == null) {
            return;
        }
        long parts = context.messages().size();
        for (AIMessage message : context.messages()) {
            parts += message != null && message.content() != null ? message.content().size() : 0;
        }
        if (parts > maxParts) {
            throw GatewayException.invalidRequest("messages: more than " + maxParts
                    + " messages and content parts in all (switchboard.max-parts)");
        }
    }

    /**
     * Takes a stream slot, or fails with a retryable 503 when all are taken; the slot is given back by
     * {@link #streamClosed()}, exactly once.
     */
    public void openStream() {
        if (openStreams.incrementAndGet() > maxStreams) {
            openStreams.decrementAndGet();
            throw GatewayException.builder(ErrorType.PROVIDER_UNAVAILABLE, "this Switchboard instance has "
                    + maxStreams + " streams open, its limit (switchboard.stream.max-concurrent); retry shortly")
                    .status(503).retryable().retryAfter("1").build();
        }
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
    }
}
