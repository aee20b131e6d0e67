package io.switchboard.stream;

import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.Subscriptions;
import io.smallrye.mutiny.operators.AbstractMulti;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.switchboard.core.event.StreamEvent;
import io.vertx.core.buffer.Buffer;

/**
 * The events a {@link ChunkParser} makes of a streamed body, as one operator. A chunk is asked for only
 * when the events of the one before are all out and the subscriber wants more, so demand still follows
 * the client; each chunk's events go out in order the moment the chunk is parsed. After an in-stream
 * error the events parsed before it go out, then the failure, and the body is cancelled; at the end of
 * the body the parser's {@link ChunkParser#finish() last events} (or its failure) follow.
 * <p>
 * Why not {@code concatMap} over an iterable per chunk: that builds an inner stream and its subscription
 * for every chunk and walks every request through both; this operator keeps the chunk's event list and
 * an index. Requests and cancellation may come from any thread; everything else runs in one drain loop
 * at a time, which is what touches the parser.
 */
final class ChunkEvents extends AbstractMulti<StreamEvent> {

    private final Multi<Buffer> body;
    private final ChunkParser<?> parser;

    ChunkEvents(Multi<Buffer> body, ChunkParser<?> parser) {
        this.body = body;
        this.parser = parser;
    }

    @Override
    public void subscribe(MultiSubscriber<? super StreamEvent> downstream) {
        body.subscribe(new Relay(downstream, parser));
    }

    private static final class Relay implements MultiSubscriber<Buffer>, Flow.Subscription {
        private final MultiSubscriber<? super StreamEvent> downstream;
        private final ChunkParser<?> parser;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile Flow.Subscription upstream;
        private volatile boolean cancelled;
        // set by the body's signals, taken by the drain loop
        private volatile Buffer chunk;
        private volatile boolean awaitingChunk;
        private volatile boolean bodyEnded;
        private volatile Throwable bodyFailure;
        // the drain loop's own
        private List<StreamEvent> events = List.of();
        private int next;
        private Throwable failureAfterEvents;
        private boolean finished;
        private boolean terminated;

        Relay(MultiSubscriber<? super StreamEvent> downstream, ChunkParser<?> parser) {
            this.downstream = downstream;
            this.parser = parser;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(this);
        }

        @Override
        public void onItem(Buffer item) {
            chunk = item;
            awaitingChunk = false;
            drain();
        }

        @Override
        public void onFailure(Throwable failure) {
            bodyFailure = failure;
            bodyEnded = true;
            drain();
        }

        @Override
        public void onCompletion() {
            bodyEnded = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                downstream.onFailure(Subscriptions.getInvalidRequestException());
                return;
            }
            Subscriptions.add(requested, n);
            drain();
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                Flow.Subscription body = upstream;
                if (body != null) {
                    body.cancel();
                }
                drain();
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                long wanted = requested.get();
                long sent = 0;
                while (!terminated) {
                    if (cancelled) {
                        terminated = true;
                        events = List.of();
                    } else if (next < events.size()) {
                        if (sent == wanted) {
                            break;
                        }
                        downstream.onItem(events.get(next++));
                        sent++;
                    } else if (failureAfterEvents != null) {
                        fail(failureAfterEvents);
                    } else if (chunk != null) {
                        Buffer item = chunk;
                        chunk = null;
                        parse(item);
                    } else if (bodyEnded) {
                        end();
                    } else if (sent < wanted && !awaitingChunk) {
                        awaitingChunk = true;
                        // may deliver at once: the loop goes on with the chunk
                        upstream.request(1);
                    } else {
                        break;
                    }
                }
                if (sent != 0 && wanted != Long.MAX_VALUE) {
                    requested.addAndGet(-sent);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void parse(Buffer item) {
            next = 0;
            try {
                events = parser.onChunk(item);
                failureAfterEvents = parser.failure();
            } catch (RuntimeException e) {
                events = List.of();
                failureAfterEvents = e;
            }
        }

        /** The body has ended: its failure, else the parser's last events, then completion. */
        private void end() {
            if (bodyFailure != null) {
                terminated = true;
                downstream.onFailure(bodyFailure);
            } else if (!finished) {
                finished = true;
                next = 0;
                try {
                    events = parser.finish();
                } catch (RuntimeException e) {
                    events = List.of();
                    failureAfterEvents = e;
                }
            } else {
                terminated = true;
                downstream.onCompletion();
            }
        }

        private void fail(Throwable failure) {
            terminated = true;
            // the parser has stopped: the rest of the body is not read (a no-op once the body has ended)
            upstream.cancel();
            downstream.onFailure(failure);
        }
    }
}
