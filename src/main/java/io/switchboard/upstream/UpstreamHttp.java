package io.switchboard.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.switchboard.config.SwitchboardConfig.ProviderConfig;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.Redactor;
import io.switchboard.errors.UpstreamErrors;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The HTTP client of one provider, on Vert.x, and the one place where the three timeouts are
 * enforced for every network provider: {@code connect-timeout} (connection), {@code timeout} (the
 * whole non-streaming call, and a stream's first chunk) and {@code idle-timeout} (silence between
 * two chunks). Callbacks run on the event loop of the calling request, so the per-call state needs
 * no locking. Cancelling the returned pipeline resets the upstream connection at once.
 */
public final class UpstreamHttp {

    private static final java.util.Set<String> SECRET_HEADERS = java.util.Set.of("authorization", "x-api-key", "api-key",
            "x-goog-api-key");

    private final Vertx vertx;
    private final String provider;
    private final HttpClient client;
    private final String basePath;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final Map<String, String> extraHeaders;
    private final Duration timeout;
    private final Duration idleTimeout;
    private final UpstreamErrorParser errors;

    public UpstreamHttp(Vertx vertx, String provider, URI baseUrl, ProviderConfig config, UpstreamErrorParser errors) {
        this.vertx = vertx;
        this.provider = provider;
        this.ssl = "https".equals(baseUrl.getScheme());
        this.host = baseUrl.getHost();
        this.port = baseUrl.getPort() > 0 ? baseUrl.getPort() : (ssl ? 443 : 80);
        this.basePath = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        this.extraHeaders = Map.copyOf(config.headers());
        checkConfiguredHeaders(provider, config);
        this.timeout = config.timeout();
        this.idleTimeout = config.idleTimeout();
        this.errors = errors;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setSsl(ssl)
                .setVerifyHost(ssl)
                .setDecompressionSupported(true)
                .setDefaultHost(host)
                .setDefaultPort(port);
        // LLM calls are long: a pool of the default 5 connections would queue every sixth caller.
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(-1));
    }

    public String provider() {
        return provider;
    }

    /** A configured key or header that cannot be sent stops the start-up, naming the key (never the value). */
    private static void checkConfiguredHeaders(String provider, ProviderConfig config) {
        String prefix = "switchboard.providers." + provider + ".";
        if (config.apiKey().isPresent() && !HeaderValues.isValid(config.apiKey().get())) {
            throw new IllegalArgumentException(prefix + "api-key: has a line break or another character that"
                    + " cannot be sent in an HTTP header");
        }
        config.headers().forEach((name, value) -> {
            if (!HeaderValues.isValidName(name) || !HeaderValues.isValid(value)) {
                throw new IllegalArgumentException(prefix + "headers." + name + ": not a valid HTTP header name"
                        + " and value (no line breaks or other control characters)");
            }
        });
    }

    /** The whole answer of a non-streaming call; a non-2xx status fails with the mapped {@link GatewayException}. */
    public Uni<UpstreamResponse> send(UpstreamRequest request) {
        return Uni.createFrom().emitter(emitter -> {
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
                return response.body().map(body -> new UpstreamResponse(response.statusCode(), response.headers(), body));
            }).onComplete(result -> {
                if (result.succeeded()) {
                    call.finished = true;
                    emitter.complete(result.result());
                } else {
                    emitter.fail(toGateway(result.cause()));
                }
            });
        });
    }

    /**
     * The raw body chunks of a streaming call, as they arrive. A non-2xx status fails before any
     * chunk with the mapped {@link GatewayException}.
     */
    public Multi<Buffer> stream(UpstreamRequest request) {
        return Multi.createFrom().emitter(emitter -> new StreamCall(request, emitter).start(), BackPressureStrategy.BUFFER);
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private <T> Future<T> failed(UpstreamRequest request, HttpClientResponse response) {
        return response.body().transform(body -> {
            String text = body.succeeded() ? body.result().toString() : null;
            UpstreamErrorParser.ParsedError parsed = errors.parse(response.statusCode(), response.headers(), text);
            // an upstream may quote the key it was given: never pass it on
            String message = Redactor.redact(parsed.message(), credentials(request));
            String retryAfter = parsed.retryAfter() != null ? parsed.retryAfter() : response.getHeader("Retry-After");
            return Future.failedFuture(UpstreamErrors.fromStatus(provider, response.statusCode(), message,
                    parsed.contextOverflow(), retryAfter, request.perRequestKey(), parsed.credentialRejected()));
        });
    }

    /** The secret parts of the auth headers this request carried (the bearer token, not the scheme). */
    private static String[] credentials(UpstreamRequest request) {
        return request.headers().entries().stream()
                .filter(header -> SECRET_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT)))
                .map(header -> header.getValue().regionMatches(true, 0, "Bearer ", 0, 7)
                        ? header.getValue().substring(7).strip()
                        : header.getValue())
                .toArray(String[]::new);
    }

    private GatewayException toGateway(Throwable failure) {
        return UpstreamErrors.fromFailure(provider, failure);
    }

    /** One HTTP exchange: opening it, and resetting it if it is abandoned before it finished. */
    private class Call {
        final UpstreamRequest request;
        HttpClientRequest httpRequest;
        boolean finished;
        boolean aborted;
        java.util.function.Consumer<Throwable> onAbort = t -> {
        };

        Call(UpstreamRequest request) {
            this.request = request;
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
            options.setHeaders(headers);
            return client.request(options).compose(req -> {
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
        private long lastChunkNanos;
        private boolean gotFirstChunk;
        private long timerId = -1;

        StreamCall(UpstreamRequest request, MultiEmitter<? super Buffer> emitter) {
            super(request);
            this.emitter = emitter;
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
                    finish();
                    if (!aborted) {
                        emitter.fail(toGateway(result.cause()));
                    }
                    return;
                }
                HttpClientResponse response = result.result();
                if (!isSuccess(response.statusCode())) {
                    failed(request, response).onComplete(error -> {
                        finish();
                        emitter.fail(toGateway(error.cause()));
                    });
                    return;
                }
                response.handler(this::onChunk);
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

        private void onChunk(Buffer chunk) {
            lastChunkNanos = System.nanoTime();
            if (!gotFirstChunk) {
                gotFirstChunk = true;
                cancelTimer();
                timerId = vertx.setTimer(idleTimeout.toMillis(), id -> onTimer());
            }
            emitter.emit(chunk);
        }

        private void onTimer() {
            timerId = -1;
            if (!gotFirstChunk) {
                abort(new TimeoutException("no first chunk within " + timeout.toSeconds() + "s"));
                return;
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
