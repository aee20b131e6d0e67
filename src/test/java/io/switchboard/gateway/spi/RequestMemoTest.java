package io.switchboard.gateway.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Work shared by the attempts of one request: run once per key, failures included, cancelled at the end. */
class RequestMemoTest {

    record Name(String value) implements RequestMemo.Key<String> {
    }

    @Test
    void should_run_the_work_once_for_equal_keys_and_hand_every_attempt_its_item() {
        RequestMemo memo = new RequestMemo();
        AtomicInteger runs = new AtomicInteger();
        for (int attempt = 0; attempt < 3; attempt++) {
            String item = memo.once(new Name("images"), () -> Uni.createFrom().item("fetched " + runs.incrementAndGet()))
                    .await().indefinitely();
            assertThat(item).isEqualTo("fetched 1");
        }
        assertThat(memo.once(new Name("other"), () -> Uni.createFrom().item("other " + runs.incrementAndGet()))
                .await().indefinitely()).isEqualTo("other 2");
    }

    @Test
    void should_hand_a_later_attempt_the_same_failure_without_running_again() {
        RequestMemo memo = new RequestMemo();
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException refused = new IllegalStateException("refused");
        for (int attempt = 0; attempt < 2; attempt++) {
            memo.once(new Name("images"), () -> {
                runs.incrementAndGet();
                return Uni.createFrom().failure(refused);
            }).subscribe().withSubscriber(UniAssertSubscriber.create()).assertFailedWith(IllegalStateException.class,
                    "refused");
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void should_keep_the_work_running_when_an_attempt_gives_up_and_cancel_it_when_the_request_ends() {
        RequestMemo memo = new RequestMemo();
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        // never answers: stopped turns true only when the work is cancelled
        Supplier<Uni<? extends String>> slow = () -> Uni.createFrom().<String> emitter(emitter -> {
            runs.incrementAndGet();
            emitter.onTermination(() -> stopped.set(true));
        });
        memo.once(new Name("images"), slow).subscribe().withSubscriber(UniAssertSubscriber.create()).cancel();
        assertThat(stopped).isFalse();

        memo.once(new Name("images"), slow).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(runs).hasValue(1);
        memo.end();
        assertThat(stopped).isTrue();
    }
}
