package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;

class AnthropicResponseMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AIResponse map(String fixture) throws Exception {
        return AnthropicResponseMapper.toResponse(JSON.readValue(AnthropicFixtures.bytes(fixture),
                AnthropicWire.Message.class));
    }

    @Test
    void should_map_text_usage_and_finish_reason() throws Exception {
        AIResponse response = map("text.json");
        assertThat(response.content()).isEqualTo("4200 + 42 = 4242");
        assertThat(response.thinking()).isNull();
        assertThat(response.thinkingSignature()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.metadata().get("provider_finish_reason").asText()).isEqualTo("end_turn");
        assertThat(response.usage()).isEqualTo(new Usage(17, 15, 0, 0, null, 0));
    }

    @Test
    void should_map_thinking_and_its_signature() throws Exception {
        AIResponse response = map("thinking.json");
        assertThat(response.thinking()).startsWith("This is a straightforward question about pedestrian safety.");
        assertThat(response.thinkingSignature()).startsWith("Eq8CCkYICxgCKkDdadQOXMzNBqjr");
        assertThat(response.content()).startsWith("Here's how to cross the street safely:");
    }

    @Test
    void should_map_parallel_tool_use_blocks_to_tool_calls() throws Exception {
        AIResponse response = map("tool-use-parallel-2.json");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.toolCalls()).extracting(c -> c.arguments().get("name").asText())
                .containsExactly("Alice", "Bob", "Charlie", "Daisy");
        assertThat(response.toolCalls().get(0).id()).isEqualTo("toolu_0167cfEnoQaPviGdVXA95zcu");
        assertThat(response.content()).startsWith("I'll help you find out who is the youngest");
    }

    @Test
    void should_report_cache_counters_as_given() throws Exception {
        assertThat(map("cache-read-usage.json").usage()).isEqualTo(new Usage(3, 33, 1111, 418, null, 0));
    }

    @Test
    void should_carry_a_redacted_block_as_a_marked_signature_with_empty_thinking() throws Exception {
        AIResponse response = AnthropicResponseMapper.toResponse(JSON.readValue("""
                {"content":[{"type":"redacted_thinking","data":"EqkECkYI"},{"type":"text","text":"Hi"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":2}}""", AnthropicWire.Message.class));
        assertThat(response.thinking()).isEmpty();
        assertThat(response.thinkingSignature()).isEqualTo("redacted:EqkECkYI");
        assertThat(response.content()).isEqualTo("Hi");
    }

    @ParameterizedTest
    @CsvSource({ "end_turn,STOP", "stop_sequence,STOP", "max_tokens,LENGTH", "tool_use,TOOL_CALLS",
            "refusal,CONTENT_FILTER", "pause_turn,OTHER", "something_new,OTHER" })
    void should_normalize_stop_reasons(String raw, FinishReason expected) {
        assertThat(AnthropicResponseMapper.toFinishReason(raw)).isEqualTo(expected);
    }
}
