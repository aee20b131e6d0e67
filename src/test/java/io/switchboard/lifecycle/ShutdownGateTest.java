package io.switchboard.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.metrics.GatewayMetrics;
import io.vertx.core.Vertx;

/** The gate driven directly, as Quarkus's pre-shutdown phase drives it on SIGTERM. */
class ShutdownGateTest {

    private final Vertx vertx = Vertx.vertx();
    private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void should_serve_until_shutdown_is_requested() {
        ShutdownGate gate = new ShutdownGate(vertx, metrics, Duration.ofSeconds(5), Duration.ofSeconds(30));

        assertThat(gate.draining()).isFalse();
        assertThat(gate.refusing()).isFalse();
    }

    @Test
    void should_keep_accepting_requests_during_the_shutdown_delay_then_refuse_them() {
        ShutdownGate gate = new ShutdownGate(vertx, metrics, Duration.ofMillis(300), Duration.ofSeconds(30));

        gate.beginDrain();

        assertThat(gate.draining()).isTrue();
        assertThat(gate.refusing()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(gate::refusing);
    }

    @Test
    void should_refuse_at_once_when_there_is_no_delay() {
        ShutdownGate gate = new ShutdownGate(vertx, metrics, Duration.ZERO, Duration.ofSeconds(30));

        gate.beginDrain();

        assertThat(gate.refusing()).isTrue();
    }

    @Test
    void should_refuse_on_the_shutdown_event_when_no_delay_phase_ran() {
        ShutdownGate gate = new ShutdownGate(vertx, metrics, Duration.ofSeconds(5), Duration.ofSeconds(30));

        gate.onShutdown(null);

        assertThat(gate.draining()).isTrue();
        assertThat(gate.refusing()).isTrue();
    }

    @Test
    void should_ignore_a_second_shutdown_request() {
        ShutdownGate gate = new ShutdownGate(vertx, metrics, Duration.ofMillis(300), Duration.ofSeconds(30));

        gate.beginDrain();
        gate.beginDrain();

        await().atMost(Duration.ofSeconds(5)).until(gate::refusing);
        assertThat(gate.draining()).isTrue();
    }
}
