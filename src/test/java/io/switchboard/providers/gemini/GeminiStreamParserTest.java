package io.switchboard.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
import io.switchboard.providers.gemini.GeminiWire.GenerateContentResponse;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.StreamEvents;
import io.vertx.core.buffer.Buffer;

class GeminiStreamParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GeminiStreamParser parser() {
        return new GeminiStreamParser(JSON.readerFor(GenerateContentResponse.class), "gemini", false);
    }

    private static List<StreamEvent> replay(List<byte[]> chunks) {
        return StreamEvents.replay(parser(), chunks);
    }

    private static List<byte[]> whole(String body) {
        return Chunks.wholeBytes(body);
    }

    private static List<byte[]> perFrame(String body) {
        return Chunks.afterBytes(body, "\r\n\r\n");
    }

    /** Events as comparable text; generated ids are replaced, since they are random. */
    private static List<String> describe(List<StreamEvent> events) {
        return events.stream().map(e -> switch (e) {
            case ToolCallEvent call -> "tool_call " + call.name() + " " + call.arguments() + " " + call.metadata()
                    + (call.id().matches("call_[A-Za-z0-9]{24}") ? " generated-id" : " id=" + call.id());
            default -> e.toString();
        }).toList();
    }

    static Stream<Arguments> streamFixtures() {
        return Stream.of("text-stream.sse", "thought-parts-stream.sse", "function-call-parallel-stream.sse",
                "finish-max-tokens-stream.sse", "synthetic-duplicate-function-call-stream.sse",
                "synthetic-safety-stream.sse", "synthetic-prompt-blocked-stream.sse",
                "synthetic-signature-on-text-stream.sse").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("streamFixtures")
    void should_give_the_same_events_whatever_the_chunking(String fixture) {
        String body = GeminiFixtures.read(fixture);
        List<String> expected = describe(replay(whole(body)));
        assertThat(describe(replay(perFrame(body)))).isEqualTo(expected);
        assertThat(describe(replay(Chunks.everyBytes(body, 3)))).isEqualTo(expected);
        assertThat(describe(replay(Chunks.everyBytes(body, 1)))).isEqualTo(expected);
        assertThat(expected).last().asString().startsWith("Done");
    }

    @Test
    void should_stream_text_and_usage_with_thoughts_as_reasoning_tokens() {
        List<StreamEvent> events = replay(whole(GeminiFixtures.read("text-stream.sse")));
        assertThat(text(events)).isEqualTo("To find the sum of 4200 + 42, we can align the numbers by their place values:"
                + "\n\n  4200\n+   42\n------\n  4242\n\nSo, 4200 + 42 = **4242**.");
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(done.metadata().path("provider_finish_reason").asText()).isEqualTo("STOP");
        assertThat(done.usage()).isEqualTo(new Usage(13, 63, null, null, 75));
        assertThat(events).filteredOn(ThinkingDelta.class::isInstance).isEmpty();
    }

    @Test
    void should_emit_thought_parts_as_thinking_deltas() {
        List<StreamEvent> events = replay(whole(GeminiFixtures.read("thought-parts-stream.sse")));
        List<ThinkingDelta> thinking = events.stream().filter(ThinkingDelta.class::isInstance)
                .map(ThinkingDelta.class::cast).toList();
        assertThat(thinking).hasSize(4);
        assertThat(thinking.get(0).thinking()).startsWith("**Analyzing Prime Substrings**");
        assertThat(text(events)).isEqualTo("3");
        // the last frame has no candidatesTokenCount: output 0, thoughts apart
        assertThat(((Done) events.get(events.size() - 1)).usage()).isEqualTo(new Usage(30, 0, null, null, 1947));
    }

    @Test
    void should_emit_parallel_function_calls_with_generated_ids_and_the_signature_on_its_call() {
        List<StreamEvent> events = replay(whole(GeminiFixtures.read("function-call-parallel-stream.sse")));
        List<ToolCallEvent> calls = events.stream().filter(ToolCallEvent.class::isInstance)
                .map(ToolCallEvent.class::cast).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).arguments().path("password").asText()).isEqualTo("mellon");
        assertThat(calls.get(0).metadata().path("thought_signature").asText()).startsWith("CikB0e2Kbw5tJ9dw");
        assertThat(calls.get(1).arguments().path("password").asText()).isEqualTo("radiance");
        assertThat(calls.get(1).metadata().has("thought_signature")).isFalse();
        assertThat(calls.get(0).id()).matches("call_[A-Za-z0-9]{24}").isNotEqualTo(calls.get(1).id());
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(done.metadata().path("provider_finish_reason").asText()).isEqualTo("STOP");
    }

    @Test
    void should_collapse_a_repeated_function_call_keeping_its_signature_gemini() {
        List<StreamEvent> events = replay(
                Chunks.everyBytes(GeminiFixtures.read("synthetic-duplicate-function-call-stream.sse"), 5));
        List<ToolCallEvent> calls = events.stream().filter(ToolCallEvent.class::isInstance)
                .map(ToolCallEvent.class::cast).toList();
        assertThat(calls).extracting(c -> c.arguments().path("city").asText()).containsExactly("Paris", "Rome");
        assertThat(calls.get(0).metadata().path("thought_signature").asText()).isEqualTo("c2lnLXBhcmlz");
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        // cached tokens come out of the prompt count
        assertThat(done.usage()).isEqualTo(new Usage(40, 20, 12, null, 20));
    }

    @Test
    void should_read_max_tokens_as_length() {
        List<StreamEvent> events = replay(whole(GeminiFixtures.read("finish-max-tokens-stream.sse")));
        assertThat(text(events)).isEqualTo("Here are all 50 U.S.");
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(done.metadata().path("provider_finish_reason").asText()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void should_end_with_content_filter_when_safety_stops_the_answer_from_a_frame_without_parts() {
        List<StreamEvent> events = replay(whole(GeminiFixtures.read("synthetic-safety-stream.sse")));
        assertThat(text(events)).isEqualTo("Here is a joke about");
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(done.metadata().path("provider_finish_reason").asText()).isEqualTo("SAFETY");
    }

    @Test
    void should_end_with_content_filter_when_the_prompt_is_blocked() {
        List<StreamEvent> events = replay(whole(GeminiFixtures.read("synthetic-prompt-blocked-stream.sse")));
        assertThat(events).hasSize(1);
        Done done = (Done) events.get(0);
        assertThat(done.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(done.metadata().path("provider_finish_reason").asText()).isEqualTo("PROHIBITED_CONTENT");
        assertThat(done.usage()).isEqualTo(new Usage(8, 0));
    }

    @Test
    void should_carry_a_signature_on_an_answer_part_as_a_signature_only_thinking_delta() {
        List<StreamEvent> events = replay(whole(GeminiFixtures.read("synthetic-signature-on-text-stream.sse")));
        assertThat(events).containsSubsequence(new TextDelta("Hello"), new TextDelta(" world"),
                ThinkingDelta.signatureOnly("c2lnLXRleHQ="));
    }

    @Test
    void should_fail_retryably_when_the_stream_ends_before_its_finish_reason() {
        String body = GeminiFixtures.read("text-stream.sse");
        String firstFrame = body.substring(0, body.indexOf("\r\n\r\n") + 4);
        GeminiStreamParser parser = parser();
        assertThat(parser.onChunk(Buffer.buffer(firstFrame))).hasSize(1);
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void should_map_an_error_frame_through_the_status_table() {
        GeminiStreamParser parser = parser();
        String body = GeminiFixtures.read("synthetic-error-mid-stream.sse");
        String first = body.substring(0, body.indexOf("\r\n\r\n") + 4);
        assertThat(parser.onChunk(Buffer.buffer(first))).containsExactly(new TextDelta("Partial"));
        parser.onChunk(Buffer.buffer(body.substring(first.length())));
        // an in-stream error is kept, not thrown, so the events before it go out first
        assertThat(parser.failure()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.upstreamStatus()).isEqualTo(503);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("The model is overloaded").contains("UNAVAILABLE");
        });
    }

    @Test
    void should_fail_as_malformed_when_a_frame_is_not_json() {
        GeminiStreamParser parser = parser();
        parser.onChunk(Buffer.buffer("data: {not json\r\n\r\n"));
        // an in-stream error is kept, not thrown, so the events before it go out first
        assertThat(parser.failure()).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(502));
    }

    private static String text(List<StreamEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(TextDelta.class::isInstance).forEach(e -> text.append(((TextDelta) e).text()));
        return text.toString();
    }
}
