package io.switchboard.api;

import java.util.concurrent.Flow;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One stream's events as the frames a door writes: {@link #started()} resolves at the first event (so the status
 * is chosen then, and a failure before it is an HTTP error in the door's envelope), then {@link SseFramesWriter}
 * hands this stream the response and it writes that event's frames and every later one's, one write per event,
 * each the moment it arrives. A failure after the start becomes the dialect's failure frame and ends the stream.
 * During silence a keep-alive frame is written, only once the stream has started and only while the client is
 * reading.
 * <p>
 * Demand follows the client: the next event is asked of the backend, whose response is read on demand, once the
 * last write is on the socket. So a client that stops reading pauses the backend, and what one stream holds is
 * bounded by the socket buffers plus one event. A client that goes away cancels the backend call. Everything runs on the
 * request's event loop, where the backend's events arrive too.
 */
final class SseFrames implements Flow.Subscriber<StreamEvent> {

    /** What is known when the first event arrives: whether the stream is a muted route's. */
    record Start(boolean muted) {
    }

    private final StreamFormat format;
    private final Vertx vertx;
    private final long keepAliveMillis;
    private final String requestId;
    private final Runnable onFinish;
    private final Flow.Publisher<StreamEvent> events;

    private UniEmitter<? super Start> start;
    private Flow.Subscription upstream;
    private HttpServerResponse response;
    private Runnable onEnd;
    /** Frames held until the response can take them: the first event's, or one that arrived while it was full. */
    private Buffer pending;
    /** The failure frame that ends a stream failed after its start, written after {@link #pending}. */
    private Buffer terminal;
    private boolean startResolved;
    /** Frames are held until the work the format asked for before them is done ({@link StreamFormat#before}). */
    private boolean held;
    /** A write is on its way to the socket: the next event is asked for once it is there. */
    private boolean writing;
    private boolean upstreamAsked;
    private boolean upstreamDone;
    private boolean finished;
    private long lastWriteNanos;
    private long keepAliveTimer = -1;

    /** {@code onFinish} runs once when the stream ends, whichever way (failed before its start included). */
    SseFrames(Flow.Publisher<StreamEvent> events, StreamFormat format, Vertx vertx, long keepAliveMillis,
            String requestId, Runnable onFinish) {
        this.events = events;
        this.format = format;
        this.vertx = vertx;
        this.keepAliveMillis = keepAliveMillis;
        this.requestId = requestId;
        this.onFinish = onFinish;
    }

    /** Subscribes to the events; resolves at the first event, or fails with what failed the stream before it. */
    Uni<Start> started() {
        return Uni.createFrom().<Start> emitter(emitter -> {
            start = emitter;
            emitter.onTermination(() -> {
                if (!startResolved) {
                    // the client went away before the first event
                    cancel();
                }
            });
            events.subscribe(this);
        });
    }

    // ---- upstream: the gateway's events

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        upstreamAsked = true;
        subscription.request(1);
    }

    @Override
    public void onNext(StreamEvent event) {
        upstreamAsked = false;
        if (finished) {
            return;
        }
        Buffer frames = format.event(event);
        Uni<Void> before = format.before();
        if (!startResolved) {
            pending = frames;
            startResolved = true;
            if (before != null) {
                hold(before);
            }
            start.complete(new Start(event instanceof Done done && MutedAnswers.isMuted(done.metadata())));
            return;
        }
        if (before != null) {
            pending = frames;
            hold(before);
        } else if (frames == null) {
            askUpstream();
        } else if (writable()) {
            write(frames);
        } else {
            // the response is full, or a keep-alive filled it while this event was on its way
            pending = frames;
        }
    }

    @Override
    public void onError(Throwable failure) {
        upstreamAsked = false;
        upstreamDone = true;
        if (finished) {
            return;
        }
        GatewayException error = ErrorAnswers.toGateway(failure);
        if (!startResolved) {
            startResolved = true;
            finish();
            start.fail(error);
            return;
        }
        terminal = format.failure(error, requestId);
        drain();
    }

    @Override
    public void onComplete() {
        upstreamAsked = false;
        upstreamDone = true;
        if (finished) {
            return;
        }
        if (!startResolved) {
            startResolved = true;
            start.complete(new Start(false));
            return;
        }
        drain();
    }

    // ---- downstream: the client's response

    /**
     * Writes the stream to {@code response}, whose status and headers are set, and runs {@code ended} once it is
     * over: written whole, or the client gone. Called once, after {@link #started()} resolved.
     */
    void writeTo(HttpServerResponse response, Runnable ended) {
        if (this.response != null) {
            throw new IllegalStateException("a stream is written once");
        }
        this.response = response;
        this.onEnd = ended;
        response.setChunked(true);
        response.closeHandler(v -> {
            // the client went away: nothing more can be written
            cancel();
            end();
        });
        lastWriteNanos = System.nanoTime();
        keepAliveTimer = vertx.setPeriodic(keepAliveMillis, id -> keepAlive());
        drain();
    }

    /** Stops the stream and the backend call, as when the client goes away. */
    void cancel() {
        if (finished) {
            return;
        }
        finish();
        if (upstream != null) {
            upstream.cancel();
        }
    }

    /** Holds the pending frames (one event's) until {@code before} completes, then goes on. */
    private void hold(Uni<Void> before) {
        held = true;
        // the work may complete on another thread: the stream goes on on its own event loop
        Context context = vertx.getOrCreateContext();
        before.subscribe().with(done -> context.runOnContext(v -> release()),
                failure -> context.runOnContext(v -> release()));
    }

    private void release() {
        held = false;
        drain();
    }

    private void drain() {
        if (finished || held || !writable()) {
            return;
        }
        if (pending != null || terminal != null) {
            Buffer frames = pending != null ? pending : terminal;
            if (pending != null) {
                pending = null;
            } else {
                terminal = null;
            }
            write(frames);
            return;
        }
        if (upstreamDone) {
            complete();
            return;
        }
        askUpstream();
    }

    /** Whether the response takes a write now: the last one is on the socket. */
    private boolean writable() {
        return response != null && !writing;
    }

    private void write(Buffer frames) {
        lastWriteNanos = System.nanoTime();
        writing = true;
        response.write(frames, written -> {
            writing = false;
            drain();
        });
        if (upstreamDone && pending == null && terminal == null) {
            complete();
        } else {
            drain();
        }
    }

    private void complete() {
        if (finished) {
            return;
        }
        finish();
        response.closeHandler(null);
        response.end();
        end();
    }

    private void end() {
        if (onEnd != null) {
            Runnable ended = onEnd;
            onEnd = null;
            ended.run();
        }
    }

    private void askUpstream() {
        if (!upstreamAsked && !upstreamDone) {
            upstreamAsked = true;
            upstream.request(1);
        }
    }

    private void keepAlive() {
        // a full response means the client is not reading: a comment would only add to what is held
        if (finished || held || writing || pending != null || terminal != null) {
            return;
        }
        if ((System.nanoTime() - lastWriteNanos) / 1_000_000 >= keepAliveMillis - 5) {
            write(format.keepAlive());
        }
    }

    private void finish() {
        finished = true;
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
            keepAliveTimer = -1;
        }
        onFinish.run();
    }
}
