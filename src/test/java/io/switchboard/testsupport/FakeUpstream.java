package io.switchboard.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A fake backend on 127.0.0.1: replays scripted replies chunk by chunk (the chunk boundaries are
 * the test's choice), records every request it receives, injects faults (hang, cut, reset), and
 * notices when the gateway closes a connection. Replies are served in the order they were queued;
 * with none queued it answers 599 so a test never hangs on a missing script.
 */
public final class FakeUpstream {

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<StandingReply> standing = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong bytesWritten = new java.util.concurrent.atomic.AtomicLong();
    private HttpServer server;

    /** One request as the fake saw it. {@code closedEarly} turns true if the client closed before the reply ended. */
    public static final class Received {
        public final String method;
        public final String uri;
        public final String path;
        public final MultiMap headers;
        public final String body;
        volatile boolean closedEarly;
        volatile boolean completed;

        Received(HttpServerRequest request, Buffer body) {
            this.method = request.method().name();
            this.uri = request.uri();
            this.path = request.path();
            this.headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
            this.body = body.toString(StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name);
        }

        public boolean closedEarly() {
            return closedEarly;
        }

        public boolean completed() {
            return completed;
        }
    }

    /** A scripted reply. */
    public static final class Reply {
        final int status;
        final Map<String, String> headers;
        final List<Buffer> chunks;
        final Duration delay;
        final Fault fault;
        final Buffer repeated;

        Reply(int status, Map<String, String> headers, List<Buffer> chunks, Duration delay, Fault fault) {
            this(status, headers, chunks, delay, fault, null);
        }

        Reply(int status, Map<String, String> headers, List<Buffer> chunks, Duration delay, Fault fault,
                Buffer repeated) {
            this.status = status;
            this.headers = headers;
            this.chunks = chunks;
            this.delay = delay;
            this.fault = fault;
            this.repeated = repeated;
        }

        /**
         * Sends the chunks, then {@code chunk} again and again, never ending, as fast as the connection
         * takes it (writing waits while the socket is full, as a real server does): a fast backend.
         */
        public Reply thenRepeatForever(String chunk) {
            return new Reply(status, headers, chunks, delay, Fault.ENDLESS,
                    Buffer.buffer(chunk.getBytes(StandardCharsets.UTF_8)));
        }

        /** The same reply with this pause before every chunk after the first. */
        public Reply withDelay(Duration pause) {
            return new Reply(status, headers, chunks, pause, fault);
        }

        /** The same reply with an extra header. */
        public Reply withHeader(String name, String value) {
            Map<String, String> all = new java.util.LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, chunks, delay, fault);
        }

        /** Sends the chunks, then closes the connection without ending the response. */
        public Reply thenCut() {
            return new Reply(status, headers, chunks, delay, Fault.CUT);
        }

        /** Sends the chunks, then stays silent forever (a stalled model). */
        public Reply thenHang() {
            return new Reply(status, headers, chunks, delay, Fault.HANG);
        }
    }

    /** A reply given to every request that carries {@code header: value}. */
    private record StandingReply(String header, String value, Reply reply) {
    }

    enum Fault {
        NONE,
        CUT,
        HANG,
        ENDLESS
    }

    public static Reply json(int status, String body) {
        return of(status, "application/json", List.of(body));
    }

    /** An SSE body; chunks are Strings (written as UTF-8) or byte[] (to split inside a character). */
    public static Reply sse(List<?> chunks) {
        return of(200, "text/event-stream", chunks);
    }

    public static Reply ndjson(List<?> chunks) {
        return of(200, "application/x-ndjson", chunks);
    }

    public static Reply of(int status, String contentType, List<?> chunks) {
        List<Buffer> buffers = new ArrayList<>();
        for (Object chunk : chunks) {
            buffers.add(chunk instanceof byte[] bytes ? Buffer.buffer(bytes)
                    : Buffer.buffer(chunk.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return new Reply(status, Map.of("Content-Type", contentType), List.copyOf(buffers), Duration.ZERO, Fault.NONE);
    }

    /** Accepts the request and never answers. */
    public static Reply hang() {
        return new Reply(200, Map.of(), List.of(), Duration.ZERO, Fault.HANG);
    }

    public synchronized FakeUpstream start() {
        if (server == null) {
            server = vertx.createHttpServer().requestHandler(this::handle);
            try {
                server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("fake upstream did not start", e);
            }
        }
        return this;
    }

    public void stop() {
        vertx.close();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Forgets queued replies and received requests (call before each test). */
    public void reset() {
        replies.clear();
        received.clear();
        standing.clear();
        bytesWritten.set(0);
    }

    /** The body bytes written by {@link Reply#thenRepeatForever} replies since the last reset. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    public FakeUpstream enqueue(Reply reply) {
        replies.addLast(reply);
        return this;
    }

    /**
     * Answers every request whose {@code header} is exactly {@code value} (a backend that refuses one key)
     * with {@code reply}, leaving the queue to the others, until the next {@link #reset}.
     */
    public FakeUpstream answerWhen(String header, String value, Reply reply) {
        standing.add(new StandingReply(header, value, reply));
        return this;
    }

    public List<Received> requests() {
        return Collections.unmodifiableList(new ArrayList<>(received));
    }

    public Received lastRequest() {
        if (received.isEmpty()) {
            throw new AssertionError("the fake upstream received no request");
        }
        return received.get(received.size() - 1);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Received record = new Received(request, body);
            received.add(record);
            HttpServerResponse response = request.response();
            response.closeHandler(v -> {
                if (!record.completed) {
                    record.closedEarly = true;
                }
            });
            Reply reply = standingReply(request);
            if (reply == null) {
                reply = replies.pollFirst();
            }
            if (reply == null) {
                record.completed = true;
                response.setStatusCode(599).end("no reply scripted in the fake upstream");
                return;
            }
            if (reply.fault == Fault.HANG && reply.chunks.isEmpty()) {
                return;
            }
            response.setStatusCode(reply.status).setChunked(true);
            reply.headers.forEach(response::putHeader);
            writeChunks(request, response, reply, 0, record);
        });
    }

    private Reply standingReply(HttpServerRequest request) {
        for (StandingReply candidate : standing) {
            if (candidate.value().equals(request.getHeader(candidate.header()))) {
                return candidate.reply();
            }
        }
        return null;
    }

    /** Writes the chunks from {@code index} on; without a delay in a loop, with one chunk per timer tick. */
    private void writeChunks(HttpServerRequest request, HttpServerResponse response, Reply reply, int index,
            Received record) {
        int next = index;
        while (next < reply.chunks.size()) {
            if (response.closed()) {
                return;
            }
            response.write(reply.chunks.get(next).copy());
            next++;
            if (next < reply.chunks.size() && reply.delay.toMillis() > 0) {
                int resume = next;
                vertx.setTimer(reply.delay.toMillis(), id -> writeChunks(request, response, reply, resume, record));
                return;
            }
        }
        if (response.closed()) {
            return;
        }
        switch (reply.fault) {
            case NONE -> {
                record.completed = true;
                response.end();
            }
            case CUT -> {
                record.completed = true;
                request.connection().close();
            }
            case HANG -> {
            }
            case ENDLESS -> writeForever(response, reply.repeated);
        }
    }

    private void writeForever(HttpServerResponse response, Buffer chunk) {
        while (!response.closed() && !response.writeQueueFull()) {
            response.write(chunk.copy());
            bytesWritten.addAndGet(chunk.length());
        }
        if (!response.closed()) {
            response.drainHandler(v -> writeForever(response, chunk));
        }
    }
}
