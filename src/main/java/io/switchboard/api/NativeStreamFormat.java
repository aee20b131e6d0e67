package io.switchboard.api;

import io.switchboard.core.event.ErrorEvent;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.vertx.core.buffer.Buffer;

/**
 * The frames of {@code /v1/stream}: one {@code event: <type>} + {@code data: <json>} frame per event, the
 * error event carrying the native error envelope, and {@code : keep-alive} comments during silence.
 */
final class NativeStreamFormat implements StreamFormat {

    private final SseEncoder encoder;

    NativeStreamFormat(SseEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public Buffer event(StreamEvent event) {
        return encoder.encode(event);
    }

    @Override
    public Buffer failure(GatewayException error, String requestId) {
        return encoder.encode(new ErrorEvent(error.toBody(requestId)));
    }

    @Override
    public Buffer keepAlive() {
        return SseEncoder.keepAlive();
    }
}
