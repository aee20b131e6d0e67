package io.switchboard.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.All;
import io.switchboard.errors.ErrorEnvelope;
import io.vertx.core.buffer.Buffer;

/**
 * Which error format a path answers in: a compatible API's own shape on its paths, the native
 * envelope ({@code {"error": {"type", "message", "provider", "status_code", "retryable",
 * "context_overflow", "request_id"}}}, as {@code openapi.yaml} declares it) everywhere else.
 */
@ApplicationScoped
public class ErrorFormats {

    private static final Buffer FALLBACK = Buffer.buffer(
            "{\"error\":{\"type\":\"internal_error\",\"message\":\"internal error\"}}");

    private final ErrorFormat envelope;
    private final List<DialectErrorFormat> dialects;

    public ErrorFormats(ObjectMapper json, @All List<DialectErrorFormat> dialects) {
        this.envelope = (error, requestId) -> {
            try {
                return Buffer.buffer(json.writeValueAsBytes(new ErrorEnvelope(error.toBody(requestId))));
            } catch (JsonProcessingException e) {
                return FALLBACK.copy();
            }
        };
        this.dialects = List.copyOf(dialects);
    }

    /** The native error envelope. */
    public ErrorFormat envelope() {
        return envelope;
    }

    public ErrorFormat forPath(String path) {
        for (DialectErrorFormat dialect : dialects) {
            if (dialect.serves(path)) {
                return dialect;
            }
        }
        return envelope;
    }
}
