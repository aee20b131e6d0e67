package io.switchboard.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.event.ThinkingDelta;
import io.switchboard.core.event.ToolCallEvent;
import io.switchboard.core.model.FinishReason;
import io.switchboard.errors.GatewayException;
import io.switchboard.stream.ThinkTags;
import io.vertx.core.buffer.Buffer;

class OpenAiStreamParserTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ThinkTags THINK = new ThinkTags(List.of("think"), false);

    private static OpenAiStreamParser parser(String provider) {
        return new OpenAiStreamParser(provider, JSON, JSON.readerFor(ChatCompletion.class), THINK);
    }

    /** Replays the body in chunks of {@code size} bytes (0 = whole). */
    static List<StreamEvent> replay(String body, int size) {
        OpenAiStreamParser parser = parser("openai");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<StreamEvent> events = new ArrayList<>();
        int step = size == 0 ? bytes.length : size;
        for (int i = 0; i < bytes.length; i += step) {
            events.addAll(parser.onChunk(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, i,
                    Math.min(bytes.length, i + step)))));
            if (parser.failure() != null) {
                throw parser.failure();
            }
        }
        events.addAll(parser.finish());
        return events;
    }

    static List<StreamEvent> perFrame(String body) {
        OpenAiStreamParser parser = parser("openai");
        List<StreamEvent> events = new ArrayList<>();
        for (String frame : body.split("(?<=\n\n)")) {
            events.addAll(parser.onChunk(Buffer.buffer(frame)));
        }
        events.addAll(parser.finish());
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai-chat-text-stream-include-usage.sse", "openai-chat-tool-call-stream.sse",
            "openai-chat-parallel-tool-calls-stream.sse", "openai-chat-finish-length-stream.sse",
            "openai-chat-refusal-structured-output-stream.sse", "deepseek-reasoning-content-stream.sse" })
    void should_give_the_same_events_whole_per_frame_and_byte_by_byte(String fixture) {
        String body = Fixtures.read("openai/" + fixture);
        List<StreamEvent> whole = replay(body, 0);
        assertThat(perFrame(body)).isEqualTo(whole);
        assertThat(replay(body, 1)).isEqualTo(whole);
        assertThat(whole.get(whole.size() - 1)).isInstanceOf(Done.class);
        assertThat(whole.stream().filter(Done.class::isInstance)).hasSize(1);
    }

    @Test
    void should_emit_parallel_tool_calls_at_finish_then_done_with_usage() {
        List<StreamEvent> events = replay(Fixtures.read("openai/openai-chat-parallel-tool-calls-stream.sse"), 0);
        assertThat(events).hasSize(3);
        ToolCallEvent first = (ToolCallEvent) events.get(0);
        assertThat(first.arguments().path("password").asText()).isEqualTo("mellon");
        Done done = (Done) events.get(2);
        assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(done.usage().inputTokens()).isEqualTo(75);
        assertThat(done.usage().outputTokens()).isEqualTo(53);
    }

    @Test
    void should_emit_field_reasoning_verbatim_and_split_emoji_across_bytes_deepseek() {
        List<StreamEvent> events = replay(Fixtures.read("openai/deepseek-reasoning-content-stream.sse"), 1);
        StringBuilder text = new StringBuilder();
        events.stream().filter(TextDelta.class::isInstance).forEach(e -> text.append(((TextDelta) e).text()));
        assertThat(text.toString()).isEqualTo("Hello there! 😊 How can I help you today?");
        assertThat(events.get(0)).isEqualTo(new ThinkingDelta("H"));
    }

    @Test
    void should_return_deltas_before_the_error_frame_then_fail_groq() {
        OpenAiStreamParser parser = parser("groq");
        List<StreamEvent> events = parser.onChunk(Buffer.buffer(Fixtures.read("openai/groq-error-event-mid-stream.sse")));
        assertThat(events).isNotEmpty().allMatch(ThinkingDelta.class::isInstance);
        GatewayException failure = parser.failure();
        assertThat(failure.upstreamStatus()).isEqualTo(400);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("Tool call validation failed");
        assertThatThrownBy(parser::finish).isSameAs(failure);
    }

    @Test
    void should_fail_retryable_when_body_ends_before_finish() {
        assertThatThrownBy(() -> replay(Fixtures.content("Hel"), 0)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void should_report_overflow_from_in_stream_error_code() {
        OpenAiStreamParser parser = parser("openai");
        parser.onChunk(Buffer.buffer("data: {\"error\":{\"message\":\"too long\",\"code\":\"context_length_exceeded\"}}\n\n"));
        assertThat(parser.failure().contextOverflow()).isTrue();
        // classified by its code like the HTTP 400 it stands for: retrying the same prompt cannot help
        assertThat(parser.failure().retryable()).isFalse();
        assertThat(parser.failure().httpStatus()).isEqualTo(400);
    }

    @Test
    void should_flush_held_partial_tag_at_finish() {
        List<StreamEvent> events = replay(Fixtures.content("answer <thi") + Fixtures.chunk("{}", "stop")
                + Fixtures.DONE, 0);
        assertThat(events).containsExactly(new TextDelta("answer "), new TextDelta("<thi"),
                Done.of(FinishReason.STOP, "stop", "m", null));
    }

    @Test
    void should_use_list_position_when_tool_call_index_is_missing() {
        List<StreamEvent> events = replay(Fixtures.chunk("{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\","
                + "\"arguments\":\"{}\"}}]}", "stop") + Fixtures.DONE, 0);
        assertThat(events.get(0)).isInstanceOf(ToolCallEvent.class);
        // "stop" with a tool call is reported as tool_calls, the raw value kept
        assertThat(((Done) events.get(1)).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(((Done) events.get(1)).metadata().path("provider_finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void should_ignore_frames_after_done_marker() {
        List<StreamEvent> events = replay(Fixtures.content("a") + Fixtures.chunk("{}", "stop") + Fixtures.DONE
                + Fixtures.content("late"), 0);
        assertThat(events).containsExactly(new TextDelta("a"), Done.of(FinishReason.STOP, "stop", "m", null));
    }
}
