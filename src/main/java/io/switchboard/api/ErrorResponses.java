package io.switchboard.api;

import org.jboss.logging.Logger;

import io.switchboard.errors.ErrorEnvelope;
import io.switchboard.errors.GatewayException;
import io.switchboard.metrics.Exchange;

/**
 * Turns any failure into the one error envelope. Unknown failures are bugs: logged with their
 * trace here, answered 500 without it.
 */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static GatewayException toGateway(Throwable failure) {
        Throwable cause = failure;
        if (cause instanceof GatewayException gateway) {
            return gateway;
        }
        LOG.error("unexpected failure", cause);
        return GatewayException.internal("internal error");
    }

    public static ErrorEnvelope envelope(GatewayException error, String requestId) {
        Exchange.failedWith(error.type().wireName());
        return new ErrorEnvelope(error.toBody(requestId));
    }
}
