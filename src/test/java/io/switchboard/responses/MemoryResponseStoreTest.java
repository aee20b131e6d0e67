package io.switchboard.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The memory store's time to live and bound, on a clock the test moves. */
class MemoryResponseStoreTest {

    /** A clock that stands still until the test moves it. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();
    private final MemoryResponseStore store = new MemoryResponseStore(clock, Duration.ofHours(1), 3, 100);

    private String get(String key) {
        return store.get(key).await().indefinitely();
    }

    private void put(String key, String stored) {
        store.put(key, stored).await().indefinitely();
    }

    @Test
    void should_forget_a_response_once_its_time_to_live_has_passed() {
        put("owner:resp_1", "{}");
        clock.advance(Duration.ofMinutes(59));
        assertThat(get("owner:resp_1")).isEqualTo("{}");
        clock.advance(Duration.ofMinutes(1));
        assertThat(get("owner:resp_1")).isNull();
        assertThat(store.delete("owner:resp_1").await().indefinitely()).isFalse();
    }

    @Test
    void should_restart_the_time_to_live_when_a_key_is_written_again() {
        put("owner:resp_1", "first");
        clock.advance(Duration.ofMinutes(30));
        put("owner:resp_1", "second");
        clock.advance(Duration.ofMinutes(45));
        assertThat(get("owner:resp_1")).isEqualTo("second");
    }

    @Test
    void should_drop_the_oldest_response_beyond_its_bound() {
        put("a", "1");
        put("b", "2");
        put("c", "3");
        put("a", "1 again");
        put("d", "4");
        assertThat(get("b")).isNull();
        assertThat(get("a")).isEqualTo("1 again");
        assertThat(get("c")).isEqualTo("3");
        assertThat(get("d")).isEqualTo("4");
    }

    @Test
    void should_drop_the_oldest_responses_beyond_its_size() {
        put("a", "x".repeat(40));
        put("b", "y".repeat(40));
        put("c", "z".repeat(40));
        assertThat(get("a")).isNull();
        assertThat(get("b")).hasSize(40);
        assertThat(get("c")).hasSize(40);
        // what was dropped or deleted no longer counts
        assertThat(store.delete("b").await().indefinitely()).isTrue();
        put("d", "w".repeat(60));
        assertThat(get("c")).hasSize(40);
        assertThat(get("d")).hasSize(60);
    }

    @Test
    void should_delete_a_response() {
        put("owner:resp_1", "{}");
        assertThat(store.delete("owner:resp_1").await().indefinitely()).isTrue();
        assertThat(get("owner:resp_1")).isNull();
        assertThat(store.delete("owner:resp_1").await().indefinitely()).isFalse();
    }
}
