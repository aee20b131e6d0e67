package io.switchboard.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatesTest {

    @Test
    void should_be_empty_only_when_no_price_is_given() {
        assertThat(Rates.NONE.isEmpty()).isTrue();
        assertThat(new Rates(null, null, null, null, null).isEmpty()).isTrue();
    }

    @Test
    void should_not_be_empty_when_any_one_price_is_given() {
        assertThat(new Rates(1.0, null, null, null, null).isEmpty()).isFalse();
        assertThat(new Rates(null, 1.0, null, null, null).isEmpty()).isFalse();
        assertThat(new Rates(null, null, 1.0, null, null).isEmpty()).isFalse();
        assertThat(new Rates(null, null, null, 1.0, null).isEmpty()).isFalse();
        assertThat(new Rates(null, null, null, null, 1.0).isEmpty()).isFalse();
    }

    @Test
    void should_not_be_empty_when_a_price_is_zero() {
        assertThat(new Rates(0.0, 0.0, null, null, null).isEmpty()).isFalse();
    }
}
