package io.switchboard.api;

import java.util.concurrent.Flow;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.switchboard.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes one stream to one client. Each event is written the moment it arrives. The status is
 * committed by the first event; a failure before it is an HTTP error with the envelope, so
 * keep-alive comments start only once the stream has started (before it, the provider's
 * {@code timeout} bounds the wait). Demand follows
 * the socket: the next event is requested only while the write queue has room, so what one stream
 * holds is bounded by the write queue plus one event, and a client that stops reading pauses the
 * backend (the upstream response is read only on demand). When the client goes away the subscription
 * is cancelled, which cancels the upstream call. What the frames look like is the dialect's
 * {@link StreamFormat}; an error before the first event is written in its {@link ErrorFormat}.
 */
public final class SseWriter implements Flow.Subscriber<StreamEvent> {

    private final HttpServerResponse response;
    private final StreamFormat format;
    private final ErrorFormat errors;
    private final Vertx vertx;
    private final long keepAliveMillis;
    private final String requestId;
    private final GatewayMetrics metrics;
    private final Runnable onFinish;

    private Flow.Subscription subscription;
    private boolean headersWritten;
    private boolean finished;
    private long lastWriteNanos = System.nanoTime();
    private long keepAliveTimer = -1;

    /** {@code onFinish} runs once when the stream ends, whichever way. */
    public SseWriter(HttpServerResponse response, StreamFormat format, ErrorFormat errors, Vertx vertx,
            long keepAliveMillis, String requestId, GatewayMetrics metrics, Runnable onFinish) {
        this.response = response;
        this.format = format;
        this.errors = errors;
        this.vertx = vertx;
        this.keepAliveMillis = keepAliveMillis;
        this.requestId = requestId;
        this.metrics = metrics;
        this.onFinish = onFinish;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        metrics.streamOpened();
        response.closeHandler(v -> {
            if (!finished) {
                finish();
                subscription.cancel();
            }
        });
        keepAliveTimer = vertx.setPeriodic(keepAliveMillis, id -> keepAlive());
        subscription.request(1);
    }

    @Override
    public void onNext(StreamEvent event) {
        if (finished) {
            return;
        }
        if (!headersWritten && event instanceof Done done && MutedAnswers.isMuted(done.metadata())) {
            MutedAnswers.mark(response);
        }
        writeHeadersOnce();
        Buffer frames = format.event(event);
        if (frames != null) {
            response.write(frames);
            lastWriteNanos = System.nanoTime();
        }
        if (response.writeQueueFull()) {
            response.drainHandler(v -> subscription.request(1));
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (finished) {
            return;
        }
        GatewayException error = ErrorResponses.toGateway(failure);
        if (!headersWritten) {
            finish();
            HttpErrors.write(response, errors, error, requestId);
            return;
        }
        response.write(format.failure(error, requestId));
        finish();
        response.end();
    }

    @Override
    public void onComplete() {
        if (finished) {
            return;
        }
        writeHeadersOnce();
        finish();
        response.end();
    }

    private void keepAlive() {
        if (finished || !headersWritten || response.closed() || response.writeQueueFull()) {
            // a full queue means the client is not reading: a comment would only add to what is held
            return;
        }
        if ((System.nanoTime() - lastWriteNanos) / 1_000_000 >= keepAliveMillis - 5) {
            response.write(format.keepAlive());
            lastWriteNanos = System.nanoTime();
        }
    }

    private void writeHeadersOnce() {
        if (headersWritten) {
            return;
        }
        headersWritten = true;
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .putHeader(RequestIds.HEADER, requestId);
    }

    private void finish() {
        finished = true;
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
            keepAliveTimer = -1;
        }
        metrics.streamClosed();
        onFinish.run();
    }
}
