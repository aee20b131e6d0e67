package io.switchboard.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.model.FinishReason;
import io.switchboard.errors.GatewayException;
import io.switchboard.errors.UpstreamErrors;
import io.vertx.core.buffer.Buffer;

class ChunkEventsTest {

    /** {@code data: x} is a text delta, {@code data: !} an error frame, {@code data: [DONE]} the end. */
    private static final class LettersParser extends ChunkParser<SseFrame> {
        LettersParser() {
            super("letters", ChunkParser.sse());
        }

        @Override
        protected void onFrame(SseFrame frame, List<StreamEvent> out) {
            switch (frame.data()) {
                case "[DONE]" -> terminate(new Done(FinishReason.STOP, null, null), out);
                case "!" -> throw UpstreamErrors.malformed(provider, "an error frame");
                default -> out.add(new TextDelta(frame.data()));
            }
        }
    }

    private final List<Long> bodyRequests = new ArrayList<>();
    private final AtomicBoolean bodyCancelled = new AtomicBoolean();

    private Multi<StreamEvent> events(Multi<Buffer> body) {
        return ChunkParser.events(body.onRequest().invoke(bodyRequests::add)
                .onCancellation().invoke(() -> bodyCancelled.set(true)), new LettersParser());
    }

    private static Multi<Buffer> chunks(String... texts) {
        return Multi.createFrom().items(texts).map(Buffer::buffer);
    }

    private static List<String> texts(AssertSubscriber<StreamEvent> subscriber) {
        return subscriber.getItems().stream().map(e -> e instanceof TextDelta text ? text.text() : e.type()).toList();
    }

    @Test
    void should_ask_for_the_next_chunk_only_when_the_events_before_are_out_and_more_are_wanted() {
        AssertSubscriber<StreamEvent> subscriber = events(chunks("data: a\n\ndata: b\n\n", "data: c\n\n", "data: [DONE]\n\n"))
                .subscribe().withSubscriber(AssertSubscriber.create(1));

        assertThat(texts(subscriber)).containsExactly("a");
        assertThat(bodyRequests).containsExactly(1L);

        subscriber.request(1);
        assertThat(texts(subscriber)).containsExactly("a", "b");
        assertThat(bodyRequests).as("b came with a: no second chunk yet").containsExactly(1L);

        subscriber.request(1);
        assertThat(texts(subscriber)).containsExactly("a", "b", "c");
        assertThat(bodyRequests).containsExactly(1L, 1L);

        subscriber.request(10);
        subscriber.assertCompleted();
        assertThat(texts(subscriber)).containsExactly("a", "b", "c", "done");
    }

    @Test
    void should_send_the_events_before_an_error_frame_then_fail_and_stop_reading_the_body() {
        AssertSubscriber<StreamEvent> subscriber = events(chunks("data: a\n\ndata: !\n\ndata: b\n\n", "data: c\n\n"))
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.assertFailedWith(GatewayException.class, "an error frame");
        assertThat(texts(subscriber)).containsExactly("a");
        assertThat(bodyCancelled).isTrue();
    }

    @Test
    void should_hold_the_failure_until_the_events_before_it_are_wanted() {
        AssertSubscriber<StreamEvent> subscriber = events(chunks("data: a\n\ndata: b\n\ndata: !\n\n"))
                .subscribe().withSubscriber(AssertSubscriber.create(1));

        assertThat(texts(subscriber)).containsExactly("a");
        assertThat(subscriber.getFailure()).isNull();

        subscriber.request(1);
        subscriber.assertFailedWith(GatewayException.class, "an error frame");
        assertThat(texts(subscriber)).containsExactly("a", "b");
    }

    @Test
    void should_fail_as_cut_when_the_body_ends_without_the_terminal_event() {
        AssertSubscriber<StreamEvent> subscriber = events(chunks("data: a\n\n"))
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.assertFailedWith(GatewayException.class, "ended the stream before its terminal event");
        assertThat(texts(subscriber)).containsExactly("a");
    }

    @Test
    void should_parse_the_last_frame_when_the_body_ends_without_its_blank_line() {
        AssertSubscriber<StreamEvent> subscriber = events(chunks("data: a\n\n", "data: [DONE]"))
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.assertCompleted();
        assertThat(texts(subscriber)).containsExactly("a", "done");
    }

    @Test
    void should_cancel_the_body_when_the_subscriber_cancels() {
        AssertSubscriber<StreamEvent> subscriber = events(chunks("data: a\n\ndata: b\n\n", "data: c\n\n"))
                .subscribe().withSubscriber(AssertSubscriber.create(1));

        subscriber.cancel();
        subscriber.request(5);

        assertThat(bodyCancelled).isTrue();
        assertThat(texts(subscriber)).containsExactly("a");
        subscriber.assertNotTerminated();
    }

    @Test
    void should_pass_the_body_failure_on_after_the_events_already_parsed() {
        IllegalStateException broken = new IllegalStateException("connection reset");
        AssertSubscriber<StreamEvent> subscriber = events(Multi.createBy().concatenating()
                .streams(chunks("data: a\n\n"), Multi.createFrom().failure(broken)))
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.assertFailedWith(IllegalStateException.class, "connection reset");
        assertThat(texts(subscriber)).containsExactly("a");
    }

    @Test
    void should_fail_a_request_for_no_events() {
        AssertSubscriber<StreamEvent> subscriber = events(chunks("data: a\n\n"))
                .subscribe().withSubscriber(AssertSubscriber.create(0));

        subscriber.request(0);

        subscriber.assertFailedWith(IllegalArgumentException.class);
        assertThat(bodyCancelled).isTrue();
    }
}
