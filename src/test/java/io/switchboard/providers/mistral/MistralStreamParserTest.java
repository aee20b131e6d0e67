package io.switchboard.providers.mistral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.stream.ThinkTagSplitter;
import io.switchboard.stream.ToolCallAssembler;
import io.switchboard.testsupport.Chunks;
import io.vertx.core.buffer.Buffer;

class MistralStreamParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String fixture(String name) {
        try (InputStream in = MistralStreamParserTest.class.getResourceAsStream("/fixtures/mistral/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MistralStreamParser parser() {
        return new MistralStreamParser("mistral", JSON.readerFor(MistralWire.ChatCompletion.class),
                new ThinkTagSplitter(List.of("think"), false), new ToolCallAssembler(JSON), false);
    }

    static List<StreamEvent> replay(List<byte[]> chunks) {
        MistralStreamParser parser = parser();
        List<StreamEvent> events = new ArrayList<>();
        chunks.forEach(chunk -> events.addAll(parser.onChunk(Buffer.buffer(chunk))));
        events.addAll(parser.finish());
        return events;
    }

    static List<StreamEvent> replay(String body) {
        return replay(List.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<String> streams() {
        return Stream.of("magistral-thinking-stream.sse", "tool-call-stream.sse", "think-tags-stream.sse",
                "model-length-stream.sse");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void should_give_the_same_events_whatever_the_chunking(String name) {
        String body = fixture(name);
        List<StreamEvent> whole = coalesce(replay(body));
        List<byte[]> perFrame = Chunks.after(body, "\n\n").stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(coalesce(replay(perFrame))).isEqualTo(whole);
        assertThat(coalesce(replay(Chunks.everyBytes(body, 3)))).isEqualTo(whole);
        assertThat(whole.get(whole.size() - 1)).isInstanceOf(Done.class);
    }

    @Test
    void should_emit_magistral_thinking_chunks_as_thinking_and_string_content_as_text() {
        List<StreamEvent> events = replay(fixture("magistral-thinking-stream.sse"));
        assertThat(thinking(events)).startsWith("Okay, the user is asking how to cross the street.");
        assertThat(text(events)).endsWith("By following these steps, you can ensure a safe crossing.");
        // thinking streamed first, then the answer: no text before the last thinking delta
        int lastThinking = -1;
        int firstText = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof ThinkingDelta) {
                lastThinking = i;
            } else if (events.get(i) instanceof TextDelta && firstText < 0) {
                firstText = i;
            }
        }
        assertThat(lastThinking).isLessThan(firstText);
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(done.usage()).isEqualTo(new Usage(10, 232));
        assertThat(done.metadata().get("provider_finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void should_split_think_tags_in_string_content_across_chunks() {
        List<StreamEvent> events = replay(fixture("think-tags-stream.sse"));
        assertThat(thinking(events)).isEqualTo("The user wants a number.");
        assertThat(text(events)).isEqualTo("42");
    }

    @Test
    void should_keep_parallel_calls_apart_when_both_arrive_at_index_0_mistral() {
        List<StreamEvent> events = replay(fixture("tool-call-stream.sse"));
        List<ToolCallEvent> calls = events.stream().filter(ToolCallEvent.class::isInstance)
                .map(ToolCallEvent.class::cast).toList();
        assertThat(calls).extracting(ToolCallEvent::id).containsExactly("D681PevKs", "x9Qm2LpZt");
        assertThat(calls).extracting(c -> c.arguments().get("city").asText()).containsExactly("Paris", "Lyon");
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        // disjoint counters: 77 prompt tokens of which 64 cached
        assertThat(done.usage()).isEqualTo(new Usage(13, 24, 64, null, null));
    }

    @Test
    void should_map_model_length_to_length() {
        List<StreamEvent> events = replay(fixture("model-length-stream.sse"));
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(done.metadata().get("provider_finish_reason").asText()).isEqualTo("model_length");
    }

    @Test
    void should_fail_retryable_when_the_body_ends_before_a_finish_reason() {
        String body = fixture("model-length-stream.sse");
        String cut = body.substring(0, body.indexOf("model_length") - 200);
        assertThatThrownBy(() -> replay(cut)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void should_fail_with_the_upstream_message_on_an_error_object_in_the_stream() {
        MistralStreamParser parser = parser();
        String body = fixture("error-mid-stream.sse");
        List<StreamEvent> first = parser.onChunk(Buffer.buffer(body.substring(0, body.indexOf("data: {\"object\":\"error\""))));
        assertThat(text(first)).isEqualTo("Hello");
        parser.onChunk(Buffer.buffer(body.substring(body.indexOf("data: {\"object\":\"error\""))));
        // an in-stream error is kept, not thrown, so the events before it go out first
        assertThat(parser.failure()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.getMessage()).contains("Service unavailable, please retry.");
            assertThat(e.retryable()).isTrue();
            assertThat(e.provider()).isEqualTo("mistral");
        });
    }

    @Test
    void should_take_a_whole_answer_as_terminal_when_done_marker_is_missing() {
        String body = fixture("model-length-stream.sse").replace("data: [DONE]\n\n", "");
        List<StreamEvent> events = replay(body);
        assertThat(events.get(events.size() - 1)).isInstanceOf(Done.class);
    }

    /** Adjacent deltas of one kind merged: chunking may cut a delta, never change the text. */
    static List<StreamEvent> coalesce(List<StreamEvent> events) {
        List<StreamEvent> merged = new ArrayList<>();
        for (StreamEvent event : events) {
            StreamEvent last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (event instanceof TextDelta t && last instanceof TextDelta l) {
                merged.set(merged.size() - 1, new TextDelta(l.text() + t.text()));
            } else if (event instanceof ThinkingDelta t && last instanceof ThinkingDelta l && t.signature() == null) {
                merged.set(merged.size() - 1, new ThinkingDelta(l.thinking() + t.thinking()));
            } else {
                merged.add(event);
            }
        }
        return merged;
    }

    static String text(List<StreamEvent> events) {
        StringBuilder out = new StringBuilder();
        events.stream().filter(TextDelta.class::isInstance).forEach(e -> out.append(((TextDelta) e).text()));
        return out.toString();
    }

    static String thinking(List<StreamEvent> events) {
        StringBuilder out = new StringBuilder();
        events.stream().filter(ThinkingDelta.class::isInstance).forEach(e -> out.append(((ThinkingDelta) e).thinking()));
        return out.toString();
    }
}
