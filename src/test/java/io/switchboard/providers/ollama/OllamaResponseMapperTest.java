package io.switchboard.providers.ollama;

import static io.switchboard.providers.ollama.OllamaStreamParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.stream.ThinkTags;

class OllamaResponseMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OllamaResponseMapper mapper = new OllamaResponseMapper(JSON, new ThinkTags(List.of("think"), false));

    private AIResponse map(String body) throws Exception {
        return mapper.toResponse(JSON.readValue(body, OllamaWire.ChatResponse.class));
    }

    @Test
    void should_map_text_done_reason_and_eval_counts() throws Exception {
        AIResponse response = map(fixture("text.json"));
        assertThat(response.content()).isEqualTo("4200 + 42 = 4242\n");
        assertThat(response.thinking()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage()).isEqualTo(new Usage(21, 16));
    }

    @Test
    void should_map_native_thinking() throws Exception {
        AIResponse response = map(fixture("thinking.json"));
        assertThat(response.thinking()).startsWith("Okay, the user is asking for the capital of France.");
        assertThat(response.content()).isEqualTo("{ \"city\": \"Paris\", \"country\": \"France\" }");
    }

    @Test
    void should_generate_ids_for_tool_calls_and_report_tool_calls() throws Exception {
        AIResponse response = map(fixture("tool-call.json"));
        assertThat(response.toolCalls()).hasSize(1);
        assertThat(response.toolCalls().get(0).id()).matches("call_[A-Za-z0-9]{24}");
        assertThat(response.toolCalls().get(0).arguments().toString()).isEqualTo("{\"city\":\"Paris\",\"country\":\"France\"}");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.metadata().get("provider_finish_reason").asText()).isEqualTo("stop");
        assertThat(response.thinking()).startsWith("The conversation:");
    }

    @Test
    void should_split_inline_think_tags_after_native_thinking() throws Exception {
        AIResponse response = map("""
                {"model":"deepseek-r1","message":{"role":"assistant","content":"<think>Inline.</think>\\n\\nAnswer"},
                 "done":true,"done_reason":"length"}""");
        assertThat(response.thinking()).isEqualTo("Inline.");
        assertThat(response.content()).isEqualTo("Answer");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.usage().isEmpty()).isTrue();
    }
}
