package io.switchboard.testsupport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * An image host on 127.0.0.1 for {@code fetch-images}: answers every GET with the same image and counts
 * the fetches per path and the body bytes it sent, so a test can tell how often the gateway fetched each
 * image. A path under {@code /trickle/} sends a few bytes every 50 ms and never ends, and
 * {@link #closedEarly()} counts the fetches the gateway gave up on before their end.
 */
public final class FakeImageHost {

    private final Vertx vertx = Vertx.vertx();
    private final Buffer image;
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger closedEarly = new AtomicInteger();
    private HttpServer server;

    /** @param imageBytes the size of the image served at every path */
    public FakeImageHost(int imageBytes) {
        this.image = Buffer.buffer(new byte[imageBytes]);
    }

    public FakeImageHost start() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake image host did not start", e);
        }
        return this;
    }

    public void stop() {
        vertx.close();
    }

    /** {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** Forgets the counts (call before each test). */
    public void reset() {
        fetches.clear();
        bytesSent.set(0);
        closedEarly.set(0);
    }

    /** How many times each path was fetched, by path. */
    public Map<String, Integer> fetches() {
        Map<String, Integer> counts = new TreeMap<>();
        fetches.forEach((path, count) -> counts.put(path, count.get()));
        return counts;
    }

    /** All fetches of all paths. */
    public int fetchCount() {
        return fetches.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The body bytes sent, all fetches together. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Fetches whose connection the client closed before the body ended. */
    public int closedEarly() {
        return closedEarly.get();
    }

    private void handle(HttpServerRequest request) {
        fetches.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
        HttpServerResponse response = request.response().putHeader("Content-Type", "image/png");
        if (request.path().startsWith("/trickle/")) {
            response.setChunked(true).closeHandler(v -> closedEarly.incrementAndGet());
            trickle(response);
            return;
        }
        bytesSent.addAndGet(image.length());
        response.end(image.copy());
    }

    private void trickle(HttpServerResponse response) {
        if (response.closed()) {
            return;
        }
        response.write(Buffer.buffer(new byte[8]));
        bytesSent.addAndGet(8);
        vertx.setTimer(50, id -> trickle(response));
    }
}
