package io.switchboard.api;

import io.switchboard.core.event.ErrorEvent;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.switchboard.stream.SseEncoder;
import io.vertx.core.buffer.Buffer;

/** The frames of {@code /v1/stream} (SPEC §4): one frame per event, the error event, keep-alive comments. */
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
