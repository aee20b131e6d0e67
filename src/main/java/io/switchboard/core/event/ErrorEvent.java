package io.switchboard.core.event;

import io.switchboard.errors.ErrorBody;

/** Ends a stream that failed after its first event; carries the same body as the error envelope. */
public record ErrorEvent(ErrorBody error) implements StreamEvent {
    public static final String TYPE = "error";

    @Override
    public String type() {
        return TYPE;
    }
}
