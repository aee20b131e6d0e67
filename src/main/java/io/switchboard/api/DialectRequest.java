package io.switchboard.api;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIResponse;
import io.vertx.core.buffer.Buffer;

/**
 * One request of a compatible API, translated: what the gateway is asked, and how the answer goes
 * back in the dialect (a whole JSON answer, or a stream in the dialect's frames).
 */
public interface DialectRequest {

    AIContext context();

    /** The {@code model} the client named, resolved by {@link ModelTarget} once the body is read. */
    String model();

    boolean stream();

    /** The whole answer as the dialect's JSON body. */
    Buffer answer(AIResponse response);

    /** A new stream format for this request's stream. */
    StreamFormat streamFormat();
}
