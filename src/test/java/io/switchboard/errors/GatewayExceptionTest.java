package io.switchboard.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayExceptionTest {

    @Test
    void should_take_the_type_default_status_and_nothing_else_when_built_with_type_and_message_only() {
        GatewayException error = GatewayException.builder(ErrorType.STORE_UNAVAILABLE, "store down").build();

        assertThat(error.type()).isEqualTo(ErrorType.STORE_UNAVAILABLE);
        assertThat(error.httpStatus()).isEqualTo(503);
        assertThat(error.getMessage()).isEqualTo("store down");
        assertThat(error.provider()).isNull();
        assertThat(error.upstreamStatus()).isNull();
        assertThat(error.retryable()).isFalse();
        assertThat(error.contextOverflow()).isFalse();
        assertThat(error.retryAfter()).isNull();
        assertThat(error.overloaded()).isFalse();
        assertThat(error.callerKeyFailure()).isFalse();
        assertThat(error.getStackTrace()).isEmpty();
    }

    @Test
    void should_carry_every_fact_given_by_name() {
        GatewayException error = GatewayException.builder(ErrorType.PROVIDER_ERROR, "overloaded").status(503)
                .provider("claude").upstreamStatus(529).retryable().contextOverflow(true).retryAfter("7200")
                .overloaded(true).build();

        assertThat(error.httpStatus()).isEqualTo(503);
        assertThat(error.provider()).isEqualTo("claude");
        assertThat(error.upstreamStatus()).isEqualTo(529);
        assertThat(error.retryable()).isTrue();
        assertThat(error.contextOverflow()).isTrue();
        assertThat(error.retryAfter()).as("clamped to RetryAfter.MAX_SECONDS").isEqualTo("3600");
        assertThat(error.overloaded()).isTrue();
        assertThat(error.withMessage("scrubbed").upstreamStatus()).isEqualTo(529);
    }
}
