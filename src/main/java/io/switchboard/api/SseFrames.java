package io.switchboard.api;

import java.util.concurrent.Flow;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.Subscriptions;
import io.smallrye.mutiny.operators.AbstractMulti;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.errors.GatewayException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * One stream's events as the frames a door writes, for a {@code RestMulti}: {@link #started()} resolves at the
 * first event (so the status is chosen then, and a failure before it is an HTTP error in the door's envelope),
 * then this {@code Multi} emits that event's frames and every later one's, one item per event, each the moment it
 * arrives. A failure after the start becomes the dialect's failure frame and ends the stream. During silence a
 * keep-alive frame is emitted, only once the stream has started and only while the client is reading.
 * <p>
 * Demand follows the client: Quarkus REST asks for the next item once the last one is written to the socket, and
 * only then is the next event asked of the backend, whose response is read on demand; so a client that stops
 * reading pauses the backend, and what one stream holds is bounded by the socket buffers plus one event. A
 * client that goes away cancels the subscription, which cancels the backend call. Everything runs on the
 * request's event loop, where the backend's events arrive too.
 */
final class SseFrames extends AbstractMulti<Buffer> implements Flow.Subscriber<StreamEvent>, Flow.Subscription {

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
    private MultiSubscriber<? super Buffer> downstream;
    /** Frames held until the client's demand: the first event's, or one that arrived after a keep-alive. */
    private Buffer pending;
    /** The failure frame that ends a stream failed after its start, written after {@link #pending}. */
    private Buffer terminal;
    private boolean startResolved;
    private long demand;
    private boolean upstreamAsked;
    private boolean upstreamDone;
    private boolean finished;
    private long lastEmitNanos;
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
        if (!startResolved) {
            pending = frames;
            startResolved = true;
            start.complete(new Start(event instanceof Done done && MutedAnswers.isMuted(done.metadata())));
            return;
        }
        if (frames == null) {
            askUpstream();
        } else if (demand > 0) {
            emit(frames);
        } else {
            // a keep-alive took the demand while this event was on its way
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

    // ---- downstream: Quarkus REST writing to the client

    @Override
    public void subscribe(MultiSubscriber<? super Buffer> subscriber) {
        if (downstream != null) {
            Subscriptions.fail(subscriber, new IllegalStateException("a stream is written once"));
            return;
        }
        downstream = subscriber;
        lastEmitNanos = System.nanoTime();
        keepAliveTimer = vertx.setPeriodic(keepAliveMillis, id -> keepAlive());
        subscriber.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        if (n <= 0 || finished) {
            return;
        }
        demand = Subscriptions.add(demand, n);
        drain();
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        finish();
        if (upstream != null) {
            upstream.cancel();
        }
    }

    private void drain() {
        if (finished || demand == 0) {
            return;
        }
        if (pending != null || terminal != null) {
            Buffer frames = pending != null ? pending : terminal;
            if (pending != null) {
                pending = null;
            } else {
                terminal = null;
            }
            emit(frames);
            return;
        }
        if (upstreamDone) {
            finish();
            downstream.onComplete();
            return;
        }
        askUpstream();
    }

    private void emit(Buffer frames) {
        demand--;
        lastEmitNanos = System.nanoTime();
        downstream.onItem(frames);
        if (upstreamDone && pending == null && terminal == null && !finished) {
            finish();
            downstream.onComplete();
        } else {
            drain();
        }
    }

    private void askUpstream() {
        if (!upstreamAsked && !upstreamDone) {
            upstreamAsked = true;
            upstream.request(1);
        }
    }

    private void keepAlive() {
        // no demand means the client is not reading: a comment would only add to what is held
        if (finished || demand == 0 || pending != null || terminal != null) {
            return;
        }
        if ((System.nanoTime() - lastEmitNanos) / 1_000_000 >= keepAliveMillis - 5) {
            emit(format.keepAlive());
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
