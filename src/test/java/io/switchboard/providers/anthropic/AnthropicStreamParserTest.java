package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.switchboard.core.model.Usage;
import io.switchboard.errors.GatewayException;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.StreamEvents;
import io.vertx.core.buffer.Buffer;

class AnthropicStreamParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The model the recorded streams' message_start names: done reports it as response_model. */
    private static final String SNAPSHOT = "claude-sonnet-4-20250514";

    private static AnthropicStreamParser parser() {
        return new AnthropicStreamParser("anthropic", JSON, JSON.readerFor(AnthropicWire.StreamEvent.class), false,
                null);
    }

    private static List<StreamEvent> replay(List<byte[]> chunks) {
        return StreamEvents.replay(parser(), chunks);
    }

    /** The frames of one tool_use block ({@code toolu_1}, {@code f}) whose input JSON comes in these fragments. */
    private static String toolUseBlock(String... inputFragments) {
        StringBuilder frames = new StringBuilder(
                """
                        event: content_block_start
                        data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}

                        """);
        for (String fragment : inputFragments) {
            frames.append("""
                    event: content_block_delta
                    data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":%s}}

                    """.formatted(JSON.valueToTree(fragment)));
        }
        return frames.append("""
                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                """).toString();
    }

    private static List<byte[]> whole(String body) {
        return Chunks.wholeBytes(body);
    }

    private static List<byte[]> perFrame(String body) {
        return Chunks.afterBytes(body, "\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = { "text-stream.sse", "thinking-stream-signature-delta.sse", "redacted-thinking-stream.sse",
            "tool-use-parallel-stream.sse", "stop-max-tokens-stream.sse", "cache-read-usage-stream.sse" })
    void should_give_the_same_events_whatever_the_chunking(String fixture) {
        String body = AnthropicFixtures.text(fixture);
        List<StreamEvent> expected = replay(whole(body));
        assertThat(replay(perFrame(body))).isEqualTo(expected);
        assertThat(replay(Chunks.everyBytes(body, 1))).isEqualTo(expected);
        assertThat(replay(Chunks.everyBytes(body, 3))).isEqualTo(expected);
        assertThat(expected.get(expected.size() - 1)).isInstanceOf(Done.class);
        assertThat(expected.stream().filter(Done.class::isInstance)).hasSize(1);
    }

    @Test
    void should_emit_text_deltas_and_done_with_merged_usage() {
        List<StreamEvent> events = replay(whole(AnthropicFixtures.text("text-stream.sse")));
        assertThat(events).containsExactly(new TextDelta("4200 + 42 ="), new TextDelta(" 4242"),
                Done.of(FinishReason.STOP, "end_turn", SNAPSHOT, new Usage(17, 15, 0, 0, null, 0)));
    }

    @Test
    void should_emit_thinking_then_a_signature_only_delta_then_text() {
        List<StreamEvent> events = replay(whole(AnthropicFixtures.text("thinking-stream-signature-delta.sse")));
        List<ThinkingDelta> thinking = events.stream().filter(ThinkingDelta.class::isInstance)
                .map(ThinkingDelta.class::cast).toList();
        assertThat(thinking).hasSizeGreaterThan(2);
        ThinkingDelta signature = thinking.get(thinking.size() - 1);
        assertThat(signature.thinking()).isEmpty();
        assertThat(signature.signature()).startsWith("EvMCCkYICxgCKkCHP2cSuEdcJK");
        assertThat(thinking.subList(0, thinking.size() - 1)).allSatisfy(t -> assertThat(t.signature()).isNull());
        int lastThinking = events.indexOf(signature);
        int firstText = events.indexOf(events.stream().filter(TextDelta.class::isInstance).findFirst().orElseThrow());
        assertThat(lastThinking).isLessThan(firstText);
        assertThat(events.get(events.size() - 1))
                .isEqualTo(Done.of(FinishReason.STOP, "end_turn", SNAPSHOT, new Usage(43, 282, 0, 0, null, 0)));
    }

    @Test
    void should_carry_each_redacted_thinking_block_as_a_marked_signature() {
        List<StreamEvent> events = replay(whole(AnthropicFixtures.text("redacted-thinking-stream.sse")));
        List<ThinkingDelta> redacted = events.stream().filter(ThinkingDelta.class::isInstance)
                .map(ThinkingDelta.class::cast).toList();
        assertThat(redacted).hasSize(2);
        assertThat(redacted.get(0).thinking()).isEmpty();
        assertThat(redacted.get(0).signature()).startsWith("redacted:EqkECkYIBxgCKkA8AZ4noDfV5VcOJe");
        assertThat(redacted.get(1).signature()).startsWith("redacted:EtgBCkYIBxgCKkDQfGkwzflEJP5a");
        assertThat(events.get(2)).isEqualTo(new TextDelta("I notice that you've sent what"));
    }

    @Test
    void should_assemble_parallel_tool_use_from_input_json_fragments() {
        List<StreamEvent> events = replay(whole(AnthropicFixtures.text("tool-use-parallel-stream.sse")));
        List<ToolCallEvent> calls = events.stream().filter(ToolCallEvent.class::isInstance)
                .map(ToolCallEvent.class::cast).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).id()).isEqualTo("toolu_015cUijgET79LXjgeYQerN2h");
        assertThat(calls.get(0).name()).isEqualTo("secret_retrieval_tool");
        assertThat(calls.get(0).arguments().toString()).isEqualTo("{\"password\":\"mellon\"}");
        assertThat(calls.get(1).id()).isEqualTo("toolu_01XZTimPexA7h3EVKesnKt5T");
        assertThat(calls.get(1).arguments().toString()).isEqualTo("{\"password\":\"radiance\"}");
        Done done = (Done) events.get(events.size() - 1);
        assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(done.metadata().get("provider_finish_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void should_emit_a_tool_call_at_its_block_stop_before_later_blocks() {
        List<StreamEvent> events = parser().onChunk(Buffer.buffer(toolUseBlock("{\"a\":", "1}")));
        assertThat(events).hasSize(1);
        assertThat(((ToolCallEvent) events.get(0)).arguments().toString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void should_keep_invalid_tool_input_as_raw_arguments() {
        ToolCallEvent call = (ToolCallEvent) parser().onChunk(Buffer.buffer(toolUseBlock("{\"a\":"))).get(0);
        assertThat(call.arguments()).isEmpty();
        assertThat(call.metadata().get("raw_arguments").asText()).isEqualTo("{\"a\":");
    }

    @Test
    void should_map_max_tokens_to_length() {
        List<StreamEvent> events = replay(whole(AnthropicFixtures.text("stop-max-tokens-stream.sse")));
        assertThat(events.get(events.size() - 1))
                .isEqualTo(Done.of(FinishReason.LENGTH, "max_tokens", SNAPSHOT, new Usage(15, 50, 0, 0, null, 0)));
    }

    @Test
    void should_sum_the_compaction_iterations_of_the_final_message_delta() {
        List<StreamEvent> events = replay(whole(AnthropicFixtures.text("cache-read-usage-stream.sse")));
        Done done = (Done) events.get(events.size() - 1);
        // message_delta's iterations: a compaction (100 in, 83 out, 55,096 read) and the message (181 in, 8 out)
        assertThat(done.usage()).isEqualTo(new Usage(281, 91, 55096, 0, null, 0));
        assertThat(events.stream().filter(TextDelta.class::isInstance).map(e -> ((TextDelta) e).text()))
                .containsExactly("Hello!", " ", "👋");
    }

    @Test
    void should_keep_deltas_before_an_in_stream_error_and_then_fail_retryable_as_overloaded() {
        AnthropicStreamParser parser = parser();
        List<StreamEvent> events = parser.onChunk(Buffer.buffer(AnthropicFixtures.bytes(
                "error-sse-mid-stream-overloaded.sse")));
        assertThat(events).containsExactly(new TextDelta("4200 + 42 ="), new TextDelta(" 4242"));
        GatewayException failure = parser.failure();
        assertThat(failure).isNotNull();
        // classified as Anthropic's 529 by its type, but the event stated no status
        assertThat(failure.upstreamStatus()).isNull();
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.httpStatus()).isEqualTo(502);
        assertThat(failure.getMessage()).contains("Overloaded");
        assertThatThrownBy(parser::finish).isSameAs(failure);
    }

    @Test
    void should_map_an_in_stream_api_error_to_a_retryable_500() {
        AnthropicStreamParser parser = parser();
        parser.onChunk(Buffer.buffer("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
                + "\"message\":\"Internal server error\"}}\n\n"));
        assertThat(parser.failure().upstreamStatus()).isNull();
        assertThat(parser.failure().httpStatus()).isEqualTo(502);
        assertThat(parser.failure().retryable()).isTrue();
    }

    @Test
    void should_fail_retryable_when_the_body_ends_before_message_stop() {
        String body = AnthropicFixtures.text("text-stream.sse");
        String cut = body.substring(0, body.indexOf("event: message_stop"));
        AnthropicStreamParser parser = parser();
        assertThat(parser.onChunk(Buffer.buffer(cut))).hasSize(2);
        assertThatThrownBy(parser::finish).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void should_fail_non_retryable_on_a_frame_that_is_not_json() {
        AnthropicStreamParser parser = parser();
        parser.onChunk(Buffer.buffer("event: content_block_delta\ndata: {not json\n\n"));
        assertThat(parser.failure()).isNotNull();
        assertThat(parser.failure().retryable()).isFalse();
    }
}
