package io.switchboard.providers.ollama;

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
import io.switchboard.testsupport.Chunks;
import io.vertx.core.buffer.Buffer;

class OllamaStreamParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String fixture(String name) {
        try (InputStream in = OllamaStreamParserTest.class.getResourceAsStream("/fixtures/ollama/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OllamaStreamParser parser() {
        return new OllamaStreamParser("ollama", JSON.readerFor(OllamaWire.ChatResponse.class),
                new OllamaResponseMapper(JSON, true, List.of("think"), false),
                new ThinkTagSplitter(List.of("think"), false), false);
    }

    static List<StreamEvent> replay(List<byte[]> chunks) {
        OllamaStreamParser parser = parser();
        List<StreamEvent> events = new ArrayList<>();
        chunks.forEach(chunk -> events.addAll(parser.onChunk(Buffer.buffer(chunk))));
        events.addAll(parser.finish());
        return events;
    }

    static List<StreamEvent> replay(String body) {
        return replay(List.of(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Stream<String> streams() {
        return Stream.of("thinking-text-tools-stream.ndjson", "think-inline-stream.ndjson", "length-stream.ndjson");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void should_give_the_same_events_whatever_the_chunking(String name) {
        String body = fixture(name);
        List<StreamEvent> whole = withoutIds(coalesce(replay(body)));
        List<byte[]> perLine = Chunks.after(body, "\n").stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(withoutIds(coalesce(replay(perLine)))).isEqualTo(whole);
        assertThat(withoutIds(coalesce(replay(Chunks.everyBytes(body, 3))))).isEqualTo(whole);
        assertThat(withoutIds(coalesce(replay(Chunks.everyBytes(body, 1))))).isEqualTo(whole);
    }

    @Test
    void should_stream_thinking_then_text_then_complete_tool_calls_with_generated_ids() {
        List<StreamEvent> events = replay(fixture("thinking-text-tools-stream.ndjson"));
        assertThat(events.get(0)).isEqualTo(new ThinkingDelta("The user wants"));
        assertThat(thinking(events)).isEqualTo("The user wants the weather in Paris. I will call the tool.");
        assertThat(text(events)).isEqualTo("Let me check the weather — ☀️?");
        List<ToolCallEvent> calls = events.stream().filter(ToolCallEvent.class::isInstance)
                .map(ToolCallEvent.class::cast).toList();
        assertThat(calls).extracting(ToolCallEvent::name).containsExactly("get_weather", "get_time");
        assertThat(calls.get(0).arguments().get("city").asText()).isEqualTo("Paris");
        assertThat(calls).extracting(ToolCallEvent::id).allMatch(id -> id.matches("call_[A-Za-z0-9]{24}"));
        assertThat(calls.get(0).id()).isNotEqualTo(calls.get(1).id());
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(done.metadata().get("provider_finish_reason").asText()).isEqualTo("stop");
        assertThat(done.usage()).isEqualTo(new Usage(42, 57));
    }

    @Test
    void should_split_inline_think_tags_in_content() {
        List<StreamEvent> events = replay(fixture("think-inline-stream.ndjson"));
        assertThat(thinking(events)).isEqualTo("Two plus two is four.");
        assertThat(text(events)).isEqualTo("4");
        assertThat(((Done) events.get(events.size() - 1)).finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void should_report_length_when_done_reason_is_length() {
        List<StreamEvent> events = replay(fixture("length-stream.ndjson"));
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(done.usage()).isEqualTo(new Usage(8, 3));
    }

    @Test
    void should_fail_retryable_with_the_message_of_an_error_line() {
        OllamaStreamParser parser = parser();
        String body = fixture("error-line-stream.ndjson");
        int cut = body.indexOf('\n') + 1;
        assertThat(text(parser.onChunk(Buffer.buffer(body.substring(0, cut))))).isEqualTo("Calling");
        parser.onChunk(Buffer.buffer(body.substring(cut)));
        // an in-stream error is kept, not thrown, so the events before it go out first
        assertThat(parser.failure()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.getMessage()).contains("error parsing tool call");
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void should_fail_retryable_when_the_body_ends_before_the_done_line() {
        String body = fixture("length-stream.ndjson");
        String cut = body.substring(0, body.lastIndexOf("\"done\":true") - 5);
        assertThatThrownBy(() -> replay(cut)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.retryable()).isTrue());
        String withoutLastLine = body.substring(0, body.indexOf("\n", body.indexOf(" a time")) + 1);
        assertThatThrownBy(() -> replay(withoutLastLine)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void should_accept_a_done_line_without_trailing_newline() {
        String body = fixture("length-stream.ndjson").stripTrailing();
        assertThat(replay(body).get(replay(body).size() - 1)).isInstanceOf(Done.class);
    }

    static List<StreamEvent> withoutIds(List<StreamEvent> events) {
        return events.stream().map(e -> e instanceof ToolCallEvent c
                ? new ToolCallEvent("id", c.name(), c.arguments(), c.metadata())
                : e).toList();
    }

    static List<StreamEvent> coalesce(List<StreamEvent> events) {
        List<StreamEvent> merged = new ArrayList<>();
        for (StreamEvent event : events) {
            StreamEvent last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (event instanceof TextDelta t && last instanceof TextDelta l) {
                merged.set(merged.size() - 1, new TextDelta(l.text() + t.text()));
            } else if (event instanceof ThinkingDelta t && last instanceof ThinkingDelta l) {
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
