package io.switchboard.providers.mistral;

import static io.switchboard.providers.mistral.MistralStreamParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.stream.ThinkTags;

class MistralResponseMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MistralResponseMapper mapper = new MistralResponseMapper(JSON, new ThinkTags(List.of("think"), false));

    private AIResponse map(String body) throws Exception {
        return mapper.toResponse(JSON.readValue(body, MistralWire.ChatCompletion.class));
    }

    @Test
    void should_map_plain_text_and_usage() throws Exception {
        AIResponse response = map(fixture("text.json"));
        assertThat(response.content()).isEqualTo("The capital of France is ");
        assertThat(response.thinking()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(28, 6));
        assertThat(response.metadata().get("provider_finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void should_parse_string_arguments_and_keep_mistral_ids() throws Exception {
        AIResponse response = map(fixture("tool-call.json"));
        assertThat(response.toolCalls()).hasSize(1);
        assertThat(response.toolCalls().get(0).id()).isEqualTo("KikbB849t");
        assertThat(response.toolCalls().get(0).name()).isEqualTo("get_weather");
        assertThat(response.toolCalls().get(0).arguments().get("city").asText()).isEqualTo("Paris");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        // num_cached_tokens 76 of 77 prompt tokens: counters disjoint
        assertThat(response.usage()).isEqualTo(new Usage(1, 12, 76, null, null));
    }

    @Test
    void should_split_magistral_content_chunks_into_thinking_and_text() throws Exception {
        AIResponse response = map(fixture("magistral-thinking.json"));
        assertThat(response.thinking()).startsWith("**Analogizing crossing a river**");
        assertThat(response.content()).startsWith("Crossing a river is quite different from crossing a street");
        assertThat(response.content()).doesNotContain("Analogizing");
    }

    @Test
    void should_read_a_closed_thinking_chunk_of_mistral_small_with_reasoning_effort() throws Exception {
        AIResponse response = map(fixture("small-reasoning-effort.json"));
        assertThat(response.thinking()).startsWith("The user is asking for the result of 2+2.");
        assertThat(response.content()).isEqualTo("4");
        assertThat(response.usage()).isEqualTo(new Usage(28, 35));
    }

    @Test
    void should_split_think_tags_in_string_content() throws Exception {
        AIResponse response = map("""
                {"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant",
                 "content":"<think>Two and two.</think>\\n\\n4"}}]}""");
        assertThat(response.thinking()).isEqualTo("Two and two.");
        assertThat(response.content()).isEqualTo("4");
    }

    @Test
    void should_keep_invalid_arguments_raw_with_empty_object() throws Exception {
        AIResponse response = map("""
                {"choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"",
                 "tool_calls":[{"id":"abcdefghi","function":{"name":"f","arguments":"{\\"a\\": "}}]}}]}""");
        assertThat(response.toolCalls().get(0).arguments().isEmpty()).isTrue();
        assertThat(response.toolCalls().get(0).metadata().get("raw_arguments").asText()).isEqualTo("{\"a\": ");
    }
}
