package io.switchboard.api;

import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;

import io.switchboard.errors.ErrorEnvelope;
import io.switchboard.errors.ErrorType;
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
        if (cause instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            ErrorType type = switch (status) {
                case 401 -> ErrorType.UNAUTHORIZED;
                case 404 -> ErrorType.NOT_FOUND;
                case 413 -> ErrorType.PAYLOAD_TOO_LARGE;
                default -> status < 500 ? ErrorType.INVALID_REQUEST : ErrorType.INTERNAL_ERROR;
            };
            String message = status == 404 ? "no such endpoint"
                    : status == 405 ? "method not allowed"
                            : status == 415 ? "unsupported media type"
                                    : status == 406 ? "not acceptable"
                                            : status == 413 ? "body too large" : "request rejected";
            return new GatewayException(type, status, message, null, null, false, false, null);
        }
        LOG.error("unexpected failure", cause);
        return GatewayException.internal("internal error");
    }

    public static ErrorEnvelope envelope(GatewayException error, String requestId) {
        Exchange.failedWith(error.type().wireName());
        return new ErrorEnvelope(error.toBody(requestId));
    }
}
