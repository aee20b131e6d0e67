package io.switchboard.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The inside of every error answer, and of the stream's {@code error} event. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorBody(ErrorType type, String message, String provider, Integer statusCode, boolean retryable,
        boolean contextOverflow, String requestId) {
}
