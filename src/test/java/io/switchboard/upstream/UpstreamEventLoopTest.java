package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.metrics.Exchange;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;

/**
 * A call's upstream connection belongs to the event loop that made the call, so a stream's chunks
 * are read by the thread that writes them to the client, with no hand-over between threads per
 * chunk (a single Vert.x pool would hand the first loop's idle connection to the second loop).
 */
class UpstreamEventLoopTest {

    static Vertx vertx;
    static HttpServer upstream;
    /** The client port of each request the upstream received: one port per connection. */
    static final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        upstream = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            clientPorts.add(req.remoteAddress().port());
            req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void should_keep_each_event_loops_calls_on_its_own_connections() throws Exception {
        UpstreamHttp http = new UpstreamHttp(vertx, "fake",
                URI.create("http://127.0.0.1:" + upstream.actualPort()),
                UpstreamHttpTest.config(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new GenericErrorParser(new ObjectMapper()));
        // two contexts created one after the other are spread over the two loops
        Context first = newContext();
        Context second = newContext();
        Thread firstLoop = threadOf(first);
        Thread secondLoop = threadOf(second);
        assertThat(firstLoop).isNotSameAs(secondLoop);

        // one call at a time: a pool ignoring the event loop would hand every call the one idle connection
        assertThat(callFrom(first, http)).isSameAs(firstLoop);
        assertThat(callFrom(second, http)).isSameAs(secondLoop);
        assertThat(callFrom(first, http)).isSameAs(firstLoop);
        assertThat(callFrom(second, http)).isSameAs(secondLoop);

        assertThat(clientPorts).hasSize(4);
        assertThat(clientPorts.get(2)).as("the first loop reuses its own connection").isEqualTo(clientPorts.get(0));
        assertThat(clientPorts.get(3)).as("the second loop reuses its own connection").isEqualTo(clientPorts.get(1));
        assertThat(clientPorts.get(1)).as("the loops do not share a connection").isNotEqualTo(clientPorts.get(0));
    }

    /** A new event-loop context (Vert.x keeps one per outside thread, so a fresh thread asks). */
    private static Context newContext() throws Exception {
        CompletableFuture<Context> context = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> context.complete(vertx.getOrCreateContext()));
        return context.get(10, TimeUnit.SECONDS);
    }

    private static Thread threadOf(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(v -> thread.complete(Thread.currentThread()));
        return thread.get(10, TimeUnit.SECONDS);
    }

    /** Sends one call from {@code context}; the thread its answer arrived on. */
    private static Thread callFrom(Context context, UpstreamHttp http) throws Exception {
        CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
        context.runOnContext(v -> http.send(UpstreamRequest.post("/chat", Buffer.buffer("{}"), false, Exchange.NONE))
                .subscribe().with(response -> answeredOn.complete(Thread.currentThread()),
                        answeredOn::completeExceptionally));
        Thread thread = answeredOn.get(10, TimeUnit.SECONDS);
        // the answer is delivered before its connection is back in the pool: let it get there, so
        // that the next call has an idle connection to take (or, across loops, to refuse)
        Thread.sleep(200);
        return thread;
    }
}
