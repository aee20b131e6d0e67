package io.switchboard.api;

import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * The JSON body of an error answer in one API dialect. The status, {@code Retry-After} and request id
 * headers are the same in every dialect and are written by {@link HttpErrors}.
 */
public interface ErrorFormat {

    Buffer body(GatewayException error, String requestId);
}
