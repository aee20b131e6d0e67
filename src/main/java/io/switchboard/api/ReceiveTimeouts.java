package io.switchboard.api;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds the time a client takes to send a request ({@code switchboard.http.header-timeout} and
 * {@code body-timeout}), so a slow or stalled client cannot hold a connection for the idle timeout, which stays
 * long for keep-alive and for answers that take a while.
 * <p>
 * Vert.x gives no hook when a connection opens, only once a request's head is in, and before that only its idle
 * clock closes a connection (the other idle events are ignored while it tells HTTP/1.1 from HTTP/2). So the
 * server's idle timeout is the header timeout: a connection whose first head is not in by then is closed, however
 * slowly it trickles (the idle clock sees the head only once it is whole). The first request that reaches the
 * router puts a {@link ReceiveDeadline} on its connection, which times every later head and every body, and lets
 * idle events through only once they add up to {@code quarkus.http.idle-timeout}.
 */
@ApplicationScoped
public class ReceiveTimeouts implements HttpServerOptionsCustomizer {

    /** Before every other filter, so a request refused by one still gets its connection timed. */
    private static final int PRIORITY = 1_000;
    private static final String HTTP_DECODER = "httpDecoder";

    private final long headerNanos;
    private final long bodyNanos;
    /** The period of Vert.x's idle clock: the shorter of the header and the idle timeout. */
    private final long idlePeriodNanos;
    /** How many periods of silence in a row make the idle timeout. */
    private final long idlePeriods;

    public ReceiveTimeouts(SwitchboardConfig config,
            @ConfigProperty(name = "quarkus.http.idle-timeout", defaultValue = "30M") Duration idleTimeout) {
        this.headerNanos = positive(config.http().headerTimeout(), "switchboard.http.header-timeout").toNanos();
        this.bodyNanos = positive(config.http().bodyTimeout(), "switchboard.http.body-timeout").toNanos();
        long idleNanos = positive(idleTimeout, "quarkus.http.idle-timeout").toNanos();
        this.idlePeriodNanos = Math.min(headerNanos, idleNanos);
        this.idlePeriods = Math.ceilDiv(idleNanos, idlePeriodNanos);
    }

    private static Duration positive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": must be longer than 0, was " + value);
        }
        return value;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        shortenIdleClock(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        shortenIdleClock(options);
    }

    private void shortenIdleClock(HttpServerOptions options) {
        options.setIdleTimeout((int) options.getIdleTimeoutUnit().convert(idlePeriodNanos, TimeUnit.NANOSECONDS));
    }

    void register(@Observes Filters filters) {
        filters.register(this::watch, PRIORITY);
    }

    void watch(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        // Vert.x shows a request's connection, not its Netty channel: every server connection is a ConnectionBase
        if (request.connection() instanceof ConnectionBase connection) {
            ChannelHandlerContext vertx = connection.channelHandlerContext();
            ChannelPipeline pipeline = vertx.pipeline();
            if (pipeline.get(ReceiveDeadline.NAME) == null) {
                // this runs while the decoder hands on the head, so the rest of this read passes the new handler
                boolean http1 = request.version() != HttpVersion.HTTP_2;
                ReceiveDeadline deadline = new ReceiveDeadline(headerNanos, bodyNanos, idlePeriods,
                        http1 && !request.isEnded());
                pipeline.addBefore(vertx.name(), ReceiveDeadline.NAME, deadline);
                if (http1 && pipeline.get(HTTP_DECODER) != null) {
                    pipeline.addBefore(HTTP_DECODER, ReceiveDeadline.NAME + "-bytes", deadline.bytesIn());
                }
            }
        }
        rc.next();
    }
}
