package io.switchboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A request's exchange records what it is handed, on whatever thread (here none of Vert.x's); the exchange of a
 * call no request follows records nothing, while the meters still count the call.
 */
class ExchangeTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(meters);

    @Test
    void should_record_what_the_gateway_reports_on_the_exchange_it_is_handed() {
        Exchange exchange = new Exchange(metrics);

        exchange.targeted("assistant");
        metrics.request(exchange, "mock-429", "mock", "mock", "stream", "rate_limited", 1_000);
        metrics.firstEvent(exchange, "echo", "mock", "echo-1", 1_000);
        metrics.request(exchange, "echo", "mock", "echo-1", "stream", "ok", 1_000);
        metrics.tokens(exchange, "echo", "mock", "echo-1", 7, null, null, 3, null);
        UpstreamWait.begin(exchange, "echo", true).received();

        assertThat(exchange.target()).isEqualTo("assistant");
        assertThat(exchange.provider()).isEqualTo("echo");
        assertThat(exchange.model()).isEqualTo("echo-1");
        assertThat(exchange.attempts()).isEqualTo(2);
        assertThat(exchange.errorType()).isNull();
        assertThat(exchange.firstEventAfterNanos()).isNotNegative();
        assertThat(exchange.inputTokens()).isEqualTo(7);
        assertThat(exchange.outputTokens()).isEqualTo(3);
        assertThat(meters.find("switchboard.upstream.duration").tag("provider", "echo").timer().count()).isEqualTo(1);
    }

    @Test
    void should_keep_the_first_error_type_the_gateway_answered_with() {
        Exchange exchange = new Exchange(metrics);

        exchange.failedWith("invalid_request");
        exchange.failedWith("internal_error");

        assertThat(exchange.errorType()).isEqualTo("invalid_request");
        assertThat(exchange.attempts()).isZero();
    }

    @Test
    void should_record_nothing_on_the_exchange_of_a_call_no_request_follows() {
        Exchange none = Exchange.NONE;

        none.targeted("assistant");
        none.failedWith("invalid_request");
        metrics.firstEvent(none, "echo", "mock", "echo-1", 1_000);
        metrics.request(none, "echo", "mock", "echo-1", "stream", "ok", 1_000);
        metrics.tokens(none, "echo", "mock", "echo-1", 7, null, null, 3, null);
        UpstreamWait.begin(none, "echo", true).received();

        assertThat(none.target()).isNull();
        assertThat(none.provider()).isNull();
        assertThat(none.attempts()).isZero();
        assertThat(none.errorType()).isNull();
        assertThat(none.firstEventAfterNanos()).isNegative();
        assertThat(none.inputTokens()).isNegative();
        assertThat(meters.find("switchboard.requests").tag("provider", "echo").counter().count()).isEqualTo(1);
        assertThat(meters.find("switchboard.upstream.duration").timer()).isNull();
    }
}
