package io.switchboard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Writes the error envelope on a raw Vert.x response (the filter and the SSE route). */
final class HttpErrors {

    private HttpErrors() {
    }

    static void write(HttpServerResponse response, ObjectMapper json, GatewayException error, String requestId) {
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(ErrorResponses.envelope(error, requestId));
        } catch (JsonProcessingException e) {
            body = "{\"error\":{\"type\":\"internal_error\",\"message\":\"internal error\"}}".getBytes();
        }
        response.setStatusCode(error.httpStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(RequestIds.HEADER, requestId);
        if (error.retryAfter() != null) {
            response.putHeader("Retry-After", error.retryAfter());
        }
        response.end(Buffer.buffer(body));
    }
}
