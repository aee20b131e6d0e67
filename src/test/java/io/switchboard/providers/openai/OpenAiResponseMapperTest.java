package io.switchboard.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Usage;
import io.switchboard.stream.ThinkTags;

class OpenAiResponseMapperTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final OpenAiResponseMapper MAPPER = new OpenAiResponseMapper(JSON, new ThinkTags(List.of("think"), false));

    static AIResponse map(String body) {
        return MAPPER.toResponse(completion(body));
    }

    static ChatCompletion completion(String body) {
        try {
            return JSON.readValue(body, ChatCompletion.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String message(String messageJson, String finish) {
        return "{\"choices\":[{\"index\":0,\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"")
                + ",\"message\":" + messageJson + "}]}";
    }

    @Test
    void should_subtract_cache_reads_and_writes_from_input() {
        AIResponse response = map("{\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":5,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":300,\"cache_write_tokens\":500}}}");
        assertThat(response.usage()).isEqualTo(new Usage(200, 5, 300, 500, null));
    }

    @Test
    void should_read_top_level_cache_write_tokens_and_clamp_at_zero() {
        AIResponse response = map("{\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":0,"
                + "\"prompt_cache_hit_tokens\":8,\"cache_write_tokens\":5}}");
        assertThat(response.usage()).isEqualTo(new Usage(0, 0, 8, 5, null));
    }

    @Test
    void should_put_field_reasoning_before_inline_thinking() {
        AIResponse response = map(message("{\"content\":\"<think>inline</think>\\n\\nanswer\","
                + "\"reasoning_content\":\"field \"}", "stop"));
        assertThat(response.thinking()).isEqualTo("field inline");
        assertThat(response.content()).isEqualTo("answer");
    }

    @Test
    void should_fall_back_to_reasoning_when_reasoning_content_is_empty() {
        AIResponse response = map(message("{\"content\":\"a\",\"reasoning_content\":\"\",\"reasoning\":\"r\"}", "stop"));
        assertThat(response.thinking()).isEqualTo("r");
    }

    @Test
    void should_accept_object_arguments_from_lenient_servers() {
        AIResponse response = map(message("{\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"function\":"
                + "{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}", "tool_calls"));
        assertThat(response.toolCalls().get(0).arguments().path("a").asInt()).isEqualTo(1);
    }

    @Test
    void should_give_distinct_ids_to_calls_without_one() {
        AIResponse response = map(message("{\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
                + "{\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}", "tool_calls"));
        assertThat(response.toolCalls()).hasSize(2);
        assertThat(response.toolCalls().get(0).id()).isNotEqualTo(response.toolCalls().get(1).id())
                .startsWith("call_");
    }

    @Test
    void should_join_content_given_as_text_parts() {
        AIResponse response = map(message("{\"content\":[{\"type\":\"text\",\"text\":\"a\"},"
                + "{\"type\":\"text\",\"text\":\"b\"}]}", "stop"));
        assertThat(response.content()).isEqualTo("ab");
    }

    @Test
    void should_normalize_finish_reasons() {
        assertThat(map(message("{\"content\":\"x\"}", "content_filter")).finishReason())
                .isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(map(message("{\"content\":\"x\"}", "function_call")).finishReason())
                .isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(map(message("{\"content\":\"x\"}", "eos")).finishReason()).isEqualTo(FinishReason.OTHER);
        AIResponse unknown = map(message("{\"content\":\"x\"}", "eos"));
        assertThat(unknown.metadata().path("provider_finish_reason").asText()).isEqualTo("eos");
    }

    @Test
    void should_leave_tags_in_content_when_think_tags_are_off() {
        OpenAiResponseMapper plain = new OpenAiResponseMapper(JSON, ThinkTags.OFF);
        AIResponse response = plain.toResponse(completion(message("{\"content\":\"<think>a</think>b\"}", "stop")));
        assertThat(response.content()).isEqualTo("<think>a</think>b");
        assertThat(response.thinking()).isNull();
    }
}
