package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

class StoreWatchTest {

    private static final long HOUR = 3_600_000;

    private final Vertx vertx = Vertx.vertx();
    private final StoreWatch watch = new StoreWatch(Logger.getLogger(StoreWatchTest.class), "test store (memory)",
            "the things known so far", "things", () -> 0);
    /** The resets of each reload asked for, in order. */
    private final List<Boolean> reloads = new ArrayList<>();
    private final AtomicLong served = new AtomicLong(7);

    @AfterEach
    void close() {
        watch.stop(vertx);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private StoreWatch.Reload reload(long installs) {
        return reset -> {
            reloads.add(reset);
            served.set(installs);
            watch.reachable();
            return Uni.createFrom().voidItem();
        };
    }

    @Test
    void should_not_reload_while_the_version_is_the_one_served() {
        watch.start(vertx, HOUR, () -> Uni.createFrom().item(7L), served::get, reload(7));
        assertThat(reloads).isEmpty();
        assertThat(watch.available()).isTrue();
    }

    @Test
    void should_reload_when_another_replica_moved_the_version() {
        watch.start(vertx, HOUR, () -> Uni.createFrom().item(9L), served::get, reload(9));
        assertThat(reloads).containsExactly(false);
        assertThat(served).hasValue(9);
    }

    @Test
    void should_take_what_the_store_holds_when_its_version_went_back() {
        watch.start(vertx, HOUR, () -> Uni.createFrom().item(2L), served::get, reload(2));
        assertThat(reloads).containsExactly(true);
    }

    @Test
    void should_compare_the_store_version_with_one_reading_of_the_served_version() {
        // a reload finishing during the check moves what is served (5, then 12): the version another replica wrote
        // (9) is newer than the 5 the check compared it with, so it is read, not taken as a store that went back
        AtomicLong readings = new AtomicLong();
        watch.start(vertx, HOUR, () -> Uni.createFrom().item(9L),
                () -> readings.getAndIncrement() == 0 ? 5 : 12, reload(9));
        assertThat(reloads).containsExactly(false);
    }

    @Test
    void should_say_the_store_is_unavailable_and_reload_once_it_answers_again_at_the_same_version() {
        watch.unavailable(new IllegalStateException("connection refused to redis://user:secret@10.0.0.1:6379"));
        assertThat(watch.available()).isFalse();
        watch.start(vertx, HOUR, () -> Uni.createFrom().item(7L), served::get, reload(7));
        assertThat(reloads).containsExactly(false);
        assertThat(watch.available()).isTrue();
    }

    @Test
    void should_mark_the_store_unavailable_when_its_version_cannot_be_read() {
        watch.start(vertx, HOUR, () -> Uni.createFrom().failure(new IllegalStateException("down")), served::get,
                reload(7));
        assertThat(reloads).isEmpty();
        assertThat(watch.available()).isFalse();
    }
}
