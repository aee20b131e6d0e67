package io.switchboard.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.providers.gemini.GeminiWire.GenerateContentResponse;

class GeminiResponseMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AIResponse map(String fixture) throws Exception {
        return GeminiResponseMapper.toResponse(JSON.readValue(GeminiFixtures.read(fixture), GenerateContentResponse.class));
    }

    @Test
    void should_map_text_finish_and_usage() throws Exception {
        AIResponse response = map("text.json");
        assertThat(response.content()).startsWith("To calculate 4200 + 42:").endsWith("**4242**.");
        assertThat(response.thinking()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.metadata().path("provider_finish_reason").asText()).isEqualTo("STOP");
        assertThat(response.usage()).isEqualTo(new Usage(13, 77, null, null, 25));
        assertThat(response.toolCalls()).isEmpty();
    }

    @Test
    void should_split_thought_parts_into_thinking() throws Exception {
        AIResponse response = map("thought-parts.json");
        assertThat(response.thinking()).startsWith("**Analyzing Prime Numbers for the \"79\" Substring**")
                .contains("79B: Not possible because it results in numbers >= 790");
        assertThat(response.content()).startsWith("The primes below 400").endsWith("3");
        assertThat(response.usage()).isEqualTo(new Usage(30, 136, null, null, 1754));
    }

    @Test
    void should_map_parallel_function_calls_to_tool_calls_with_the_signature_on_its_call() throws Exception {
        AIResponse response = map("function-call-parallel.json");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.metadata().path("provider_finish_reason").asText()).isEqualTo("STOP");
        assertThat(response.toolCalls()).hasSize(2);
        assertThat(response.toolCalls().get(0).name()).isEqualTo("secret_retrieval_tool");
        assertThat(response.toolCalls().get(0).arguments().path("password").asText()).isEqualTo("mellon");
        assertThat(response.toolCalls().get(0).metadata().path("thought_signature").asText()).startsWith("CtICAdHtim9B");
        assertThat(response.toolCalls().get(1).metadata().isEmpty()).isTrue();
        assertThat(response.toolCalls()).extracting(c -> c.id()).allMatch(id -> id.matches("call_[A-Za-z0-9]{24}"))
                .doesNotHaveDuplicates();
        assertThat(response.thinkingSignature()).isNull();
    }

    @Test
    void should_map_max_tokens_to_length() throws Exception {
        AIResponse response = map("finish-max-tokens.json");
        assertThat(response.content()).isEqualTo("Here is a list of all 50 U");
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.metadata().path("provider_finish_reason").asText()).isEqualTo("MAX_TOKENS");
    }

    @Test
    void should_answer_content_filter_not_an_error_when_safety_blocks_the_candidate() throws Exception {
        AIResponse response = map("finish-safety.json");
        assertThat(response.content()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(response.metadata().path("provider_finish_reason").asText()).isEqualTo("SAFETY");
        assertThat(response.usage()).isEqualTo(new Usage(14, 0));
    }

    @Test
    void should_answer_content_filter_when_the_prompt_is_blocked() throws Exception {
        AIResponse response = map("synthetic-prompt-blocked.json");
        assertThat(response.content()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(response.metadata().path("provider_finish_reason").asText()).isEqualTo("SAFETY");
    }

    @Test
    void should_keep_gemini_given_call_ids_and_the_signature_of_an_answer_part() throws Exception {
        AIResponse response = GeminiResponseMapper.toResponse(JSON.readValue("""
                {"candidates":[{"content":{"role":"model","parts":[
                  {"text":"Let me look.","thoughtSignature":"c2ln"},
                  {"functionCall":{"id":"fc-1","name":"lookup","args":{"q":"x"}}}]},"finishReason":"STOP"}]}
                """, GenerateContentResponse.class));
        assertThat(response.content()).isEqualTo("Let me look.");
        assertThat(response.thinkingSignature()).isEqualTo("c2ln");
        assertThat(response.toolCalls().get(0).id()).isEqualTo("fc-1");
        assertThat(response.toolCalls().get(0).metadata().path("gemini_call_id").asText()).isEqualTo("fc-1");
    }

    @Test
    void should_normalize_every_documented_finish_reason() {
        assertThat(GeminiResponseMapper.toFinishReason("STOP", false, false)).isEqualTo(FinishReason.STOP);
        assertThat(GeminiResponseMapper.toFinishReason("STOP", false, true)).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(GeminiResponseMapper.toFinishReason("MAX_TOKENS", false, false)).isEqualTo(FinishReason.LENGTH);
        for (String filtered : new String[] { "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII" }) {
            assertThat(GeminiResponseMapper.toFinishReason(filtered, false, false)).isEqualTo(FinishReason.CONTENT_FILTER);
        }
        assertThat(GeminiResponseMapper.toFinishReason("MALFORMED_FUNCTION_CALL", false, false)).isEqualTo(FinishReason.OTHER);
        assertThat(GeminiResponseMapper.toFinishReason("OTHER", true, false)).isEqualTo(FinishReason.CONTENT_FILTER);
    }
}
