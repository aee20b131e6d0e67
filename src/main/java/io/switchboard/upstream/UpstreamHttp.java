package io.switchboard.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.switchboard.metrics.UpstreamWait;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;

/**
 * The HTTP client of one provider, on Vert.x, and the one place where the three timeouts are
 * enforced for every network provider: {@code connect-timeout} (connection), {@code timeout} (the
 * whole non-streaming call, and a stream's first chunk) and {@code idle-timeout} (silence between
 * two chunks). Callbacks run on the event loop of the calling request, so the per-call state needs
 * no locking. Cancelling the returned pipeline resets the upstream connection at once.
 * <p>
 * Each event loop has its own connection pool: a Vert.x pool hands an idle connection to any
 * caller, and a connection owned by another event loop than the caller's passes every chunk from
 * one thread to the other (a queued task and a wake-up per chunk). With one pool per event loop, a
 * request's upstream and downstream connections are read and written by the same thread.
 */
public final class UpstreamHttp {

    private final Vertx vertx;
    private final String provider;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    /** One client (one pool) per event-loop thread: every exchange runs on one ({@link #onEventLoop}). */
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
    private final String basePath;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final Map<String, String> extraHeaders;
    private final Duration timeout;
    private final Duration idleTimeout;
    private final long maxResponseBytes;
    private final long maxLineBytes;
    private final UpstreamErrorParser errors;

    /**
     * What the client needs of a provider's configuration; a record of its own, so this layer does not
     * depend on the configuration classes.
     *
     * @param headers extra headers sent with every request (the request's own headers win)
     * @param maxResponseBytes the largest non-streaming answer read; a larger one fails the call
     * @param maxLineBytes the longest line of a streamed answer; a longer one fails the stream
     * @param poolSize the most connections each event loop opens to the backend; more exchanges wait for one
     */
    public record Settings(Duration connectTimeout, Duration timeout, Duration idleTimeout, Map<String, String> headers,
            long maxResponseBytes, long maxLineBytes, int poolSize) {

        public Settings {
            headers = Map.copyOf(headers);
        }

        /** With the {@link #POOL_SIZE default pool}. */
        public Settings(Duration connectTimeout, Duration timeout, Duration idleTimeout, Map<String, String> headers,
                long maxResponseBytes, long maxLineBytes) {
            this(connectTimeout, timeout, idleTimeout, headers, maxResponseBytes, maxLineBytes, POOL_SIZE);
        }
    }

    /**
     * Connections to one backend per event loop at most. LLM calls are long, and an exchange over the limit waits in
     * the pool's queue holding its client connection and stream slot; above the stream cap
     * ({@code switchboard.stream.max-concurrent}, 9,000) even when every stream lands on one event loop, so the cap's
     * clean 503 binds first. Connections are opened on demand and closed when idle, so the size costs nothing unused.
     */
    public static final int POOL_SIZE = 10_000;

    public UpstreamHttp(Vertx vertx, String provider, URI baseUrl, Settings config, UpstreamErrorParser errors) {
        this.vertx = vertx;
        this.provider = provider;
        this.ssl = "https".equals(baseUrl.getScheme());
        this.host = baseUrl.getHost();
        this.port = baseUrl.getPort() > 0 ? baseUrl.getPort() : (ssl ? 443 : 80);
        this.basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.extraHeaders = config.headers();
        this.timeout = config.timeout();
        this.idleTimeout = config.idleTimeout();
        this.maxResponseBytes = config.maxResponseBytes();
        this.maxLineBytes = config.maxLineBytes();
        this.errors = errors;
        this.clientOptions = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setSsl(ssl)
                .setVerifyHost(ssl)
                .setDecompressionSupported(true)
                .setDefaultHost(host)
                .setDefaultPort(port)
                // the GenAI span of the call is the client span; TraceHeaders sends its traceparent
                .setTracingPolicy(TracingPolicy.IGNORE);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(config.poolSize()).setMaxWaitQueueSize(-1);
    }

    /** The client of the calling event loop: its connections are all read by that same thread. */
    private HttpClient client() {
        return clients.computeIfAbsent(Thread.currentThread(),
                thread -> vertx.createHttpClient(clientOptions, poolOptions));
    }

    /**
     * Runs an exchange on an event loop: the caller's, or one of Vert.x's for a caller on another thread. Opened off
     * the event loop, an exchange would be handed its response through a queued task, by which time a short answer
     * can have been read to its end with no handler to take it; on the loop, the handlers are set before the first
     * byte of the body is read.
     */
    private void onEventLoop(Runnable exchange) {
        if (Context.isOnEventLoopThread()) {
            exchange.run();
        } else {
            vertx.runOnContext(ignored -> exchange.run());
        }
    }

    public String provider() {
        return provider;
    }

    /** The whole answer of a non-streaming call; a non-2xx status fails with the mapped {@link GatewayException}. */
    public Uni<UpstreamResponse> send(UpstreamRequest request) {
        return Uni.createFrom().emitter(emitter -> onEventLoop(() -> {
            Call call = new Call(request);
            long timer = vertx.setTimer(timeout.toMillis(), id -> call.abort(new TimeoutException(
                    "no answer within " + timeout.toSeconds() + "s")));
            emitter.onTermination(() -> {
                vertx.cancelTimer(timer);
                call.resetIfOpen();
            });
            call.onAbort = emitter::fail;
            call.open().compose(response -> {
                if (!isSuccess(response.statusCode())) {
                    return failed(request, response);
                }
                return readBounded(response).map(body -> new UpstreamResponse(response.statusCode(), response.headers(),
                        body));
            }).onComplete(result -> {
                call.wait.received();
                if (result.succeeded()) {
                    call.finished = true;
                    emitter.complete(result.result());
                } else {
                    emitter.fail(toGateway(result.cause()));
                }
            });
        }));
    }

    /**
     * The raw body chunks of a streaming call, as they arrive. A non-2xx status fails before any
     * chunk with the mapped {@link GatewayException}. A backend that ignores the request to stream and
     * answers with a JSON content type sends the whole answer: {@code wholeAnswer} then runs before the
     * body goes out as one chunk, read as a non-streaming answer is (within {@code timeout} and
     * {@code max-response-size}).
     */
    public Multi<Buffer> stream(UpstreamRequest request, Runnable wholeAnswer) {
        // BUFFER holds at most the chunks of one fetch: the upstream response is paused without demand
        return Multi.createFrom().emitter(emitter -> onEventLoop(() -> {
            if (!emitter.isCancelled()) {
                new StreamCall(request, emitter, wholeAnswer).start();
            }
        }), BackPressureStrategy.BUFFER);
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * Whether a content type is JSON ({@code application/json} or a {@code +json} type, parameters aside):
     * a whole answer, where a stream is {@code text/event-stream} or {@code application/x-ndjson}.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int end = contentType.indexOf(';');
        String type = (end < 0 ? contentType : contentType.substring(0, end)).strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    /**
     * The whole body, refused with a 502 naming {@code max-response-size} as soon as it grows past it
     * (after decompression, so a small compressed answer cannot expand without bound); the connection
     * is then reset rather than read to its end.
     */
    private Future<Buffer> readBounded(HttpClientResponse response) {
        Promise<Buffer> result = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (result.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > maxResponseBytes) {
                result.tryFail(tooLarge("an answer larger than max-response-size (" + maxResponseBytes + " bytes)"));
                response.request().reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.exceptionHandler(result::tryFail);
        response.endHandler(v -> result.tryComplete(body));
        return result.future();
    }

    private GatewayException tooLarge(String what) {
        return GatewayException.builder(ErrorType.PROVIDER_ERROR, provider + " sent " + what).provider(provider).build();
    }

    private <T> Future<T> failed(UpstreamRequest request, HttpClientResponse response) {
        return readBounded(response).transform(body -> {
            String text = body.succeeded() ? body.result().toString()
                    : body.cause() instanceof GatewayException ? "(an error body larger than max-response-size ("
                            + maxResponseBytes + " bytes), not read)" : null;
            UpstreamErrorParser.ParsedError parsed = errors.parse(response.statusCode(), response.headers(), text);
            String message = parsed.message();
            String retryAfter = parsed.retryAfter() != null ? parsed.retryAfter() : response.getHeader("Retry-After");
            return Future.failedFuture(UpstreamErrors.fromStatus(provider, response.statusCode(), message,
                    parsed.contextOverflow(), retryAfter, request.perRequestKey(), parsed.credentialRejected()));
        });
    }

    private GatewayException toGateway(Throwable failure) {
        return UpstreamErrors.fromFailure(provider, failure);
    }

    /** One HTTP exchange: opening it, and resetting it if it is abandoned before it finished. */
    private class Call {
        final UpstreamRequest request;
        HttpClientRequest httpRequest;
        final UpstreamWait wait;
        boolean finished;
        boolean aborted;
        java.util.function.Consumer<Throwable> onAbort = t -> {
        };

        Call(UpstreamRequest request) {
            this.request = request;
            this.wait = UpstreamWait.begin(request.exchange(), provider, this instanceof StreamCall);
        }

        /**
         * Opens the exchange. Whatever goes wrong on the way fails the returned future, and a pooled
         * connection already taken is reset, never kept: a throw inside a callback would leave the
         * call hanging until its timeout and the connection lost to the pool.
         */
        Future<HttpClientResponse> open() {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(host)
                    .setPort(port)
                    .setSsl(ssl)
                    .setURI(basePath + request.path());
            MultiMap headers = options.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap() : options.getHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("Accept-Encoding", "gzip");
            extraHeaders.forEach(headers::set);
            // set, not setAll: setAll would first clear the extra headers
            request.headers().forEach(header -> headers.set(header.getKey(), header.getValue()));
            for (Map.Entry<String, String> header : headers) {
                if (!HeaderValues.isValidName(header.getKey()) || !HeaderValues.isValid(header.getValue())) {
                    // callers validate what they put in a header; this is the last line, and names only the header
                    return Future.failedFuture(GatewayException.invalidRequest(
                            header.getKey() + " header: not a valid HTTP header value"));
                }
            }
            if (!HeaderValues.isValid(request.path()) || request.path().indexOf(' ') >= 0) {
                return Future.failedFuture(GatewayException.invalidRequest("model: not a valid name"));
            }
            TraceHeaders.inject(headers);
            options.setHeaders(headers);
            return client().request(options).compose(req -> {
                httpRequest = req;
                if (aborted) {
                    req.reset();
                    return Future.failedFuture(new IllegalStateException("cancelled"));
                }
                try {
                    return req.send(request.body());
                } catch (RuntimeException e) {
                    req.reset();
                    return Future.failedFuture(e);
                }
            });
        }

        void abort(Throwable cause) {
            if (!finished && !aborted) {
                wait.received();
                // report first: the reset fails the pending exchange, whose own error must not win
                onAbort.accept(toGateway(cause));
                resetIfOpen();
            }
        }

        void resetIfOpen() {
            if (!finished) {
                aborted = true;
                if (httpRequest != null) {
                    httpRequest.reset();
                }
            }
        }
    }

    /**
     * A streaming exchange. Instead of re-arming a timer on every chunk, one timer checks the time
     * of the last chunk when it fires and sleeps again for the remainder.
     */
    private final class StreamCall extends Call {
        private final MultiEmitter<? super Buffer> emitter;
        private final Runnable wholeAnswer;
        private long lastChunkNanos;
        private boolean gotFirstChunk;
        private long lineBytes;
        private long timerId = -1;

        StreamCall(UpstreamRequest request, MultiEmitter<? super Buffer> emitter, Runnable wholeAnswer) {
            super(request);
            this.emitter = emitter;
            this.wholeAnswer = wholeAnswer;
            this.onAbort = emitter::fail;
        }

        void start() {
            emitter.onTermination(() -> {
                cancelTimer();
                resetIfOpen();
            });
            timerId = vertx.setTimer(timeout.toMillis(), id -> onTimer());
            open().onComplete(result -> {
                if (result.failed()) {
                    wait.received();
                    finish();
                    if (!aborted) {
                        emitter.fail(toGateway(result.cause()));
                    }
                    return;
                }
                HttpClientResponse response = result.result();
                if (!isSuccess(response.statusCode())) {
                    failed(request, response).onComplete(error -> {
                        wait.received();
                        finish();
                        emitter.fail(toGateway(error.cause()));
                    });
                    return;
                }
                if (isJson(response.getHeader("Content-Type"))) {
                    readWhole(response);
                    return;
                }
                // Demand follows the client: the upstream socket is read only as fast as the stream's
                // subscriber asks, so a slow reader pauses the backend instead of filling the heap.
                response.pause();
                response.handler(this::onChunk);
                emitter.onRequest(response::fetch);
                if (emitter.requested() > 0) {
                    response.fetch(emitter.requested());
                }
                response.exceptionHandler(error -> {
                    finish();
                    if (!aborted) {
                        emitter.fail(UpstreamErrors.streamCut(provider));
                    }
                });
                response.endHandler(v -> {
                    finish();
                    emitter.complete();
                });
            });
        }

        /** The whole answer a backend sent instead of a stream, as one chunk; the first-chunk timer still runs. */
        private void readWhole(HttpClientResponse response) {
            wholeAnswer.run();
            readBounded(response).onComplete(body -> {
                wait.received();
                finish();
                if (aborted) {
                    return;
                }
                if (body.failed()) {
                    emitter.fail(toGateway(body.cause()));
                    return;
                }
                emitter.emit(body.result());
                emitter.complete();
            });
        }

        private void onChunk(Buffer chunk) {
            if (aborted) {
                return;
            }
            wait.received();
            if (lineTooLong(chunk)) {
                abort(tooLarge("a stream line longer than max-line-size (" + maxLineBytes + " bytes)"));
                return;
            }
            lastChunkNanos = System.nanoTime();
            if (!gotFirstChunk) {
                gotFirstChunk = true;
                cancelTimer();
                timerId = vertx.setTimer(idleTimeout.toMillis(), id -> onTimer());
            }
            emitter.emit(chunk);
        }

        /** Tracks the bytes since the last line break across chunks: no SSE or NDJSON line may grow without bound. */
        private boolean lineTooLong(Buffer chunk) {
            int length = chunk.length();
            for (int i = 0; i < length; i++) {
                if (chunk.getByte(i) == '\n') {
                    lineBytes = 0;
                } else if (++lineBytes > maxLineBytes) {
                    return true;
                }
            }
            return false;
        }

        private void onTimer() {
            timerId = -1;
            if (!gotFirstChunk) {
                abort(new TimeoutException("no first chunk within " + timeout.toSeconds() + "s"));
                return;
            }
            if (emitter.requested() == 0) {
                // the backend is paused because our client reads slowly: that silence is not the backend's
                lastChunkNanos = System.nanoTime();
            }
            long silentMillis = (System.nanoTime() - lastChunkNanos) / 1_000_000;
            long left = idleTimeout.toMillis() - silentMillis;
            if (left <= 0) {
                abort(new TimeoutException("no chunk for " + idleTimeout.toSeconds() + "s"));
            } else {
                timerId = vertx.setTimer(left, id -> onTimer());
            }
        }

        private void finish() {
            finished = true;
            cancelTimer();
        }

        private void cancelTimer() {
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
        }
    }
}
