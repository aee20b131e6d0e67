package io.switchboard.providers.mistral;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIContext;
import io.switchboard.gateway.spi.ProviderRequest;

class MistralRequestMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode toWire(String contextJson, boolean stream) throws Exception {
        AIContext context = JSON.readValue(contextJson, AIContext.class);
        ProviderRequest request = new ProviderRequest(context, "mistral-small-latest", null,
                context.temperatureOrDefault(), context.maxTokens(), "req_1");
        return JSON.valueToTree(new MistralRequestMapper(JSON).toWire(request, stream));
    }

    @Test
    void should_send_system_prompt_first_then_messages_tools_and_sampling() throws Exception {
        JsonNode wire = toWire("""
                {"system_prompt":"Be brief.","temperature":0.3,"max_tokens":64,
                 "messages":[{"role":"user","content":"Weather in Paris?"}],
                 "tools":[{"name":"get_weather","description":"Current weather",
                           "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}
                """, true);
        assertThat(wire.path("model").asText()).isEqualTo("mistral-small-latest");
        assertThat(wire.path("messages").get(0).toString()).isEqualTo("{\"role\":\"system\",\"content\":\"Be brief.\"}");
        assertThat(wire.path("messages").get(1).toString()).isEqualTo("{\"role\":\"user\",\"content\":\"Weather in Paris?\"}");
        assertThat(wire.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(wire.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(wire.path("stream").asBoolean()).isTrue();
        assertThat(wire.path("tools").get(0).path("type").asText()).isEqualTo("function");
        assertThat(wire.path("tools").get(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(wire.has("reasoning_effort")).isFalse();
    }

    @Test
    void should_translate_foreign_tool_call_ids_the_same_way_in_call_and_result_mistral() throws Exception {
        JsonNode wire = toWire(
                """
                        {"messages":[{"role":"user","content":"Weather?"},
                          {"role":"assistant","content":[{"type":"tool_call","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","arguments":{"city":"Paris"}},
                                                         {"type":"tool_call","id":"KikbB849t","name":"get_weather","arguments":{"city":"Lyon"}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","result":"22C"},
                                                    {"type":"tool_result","tool_call_id":"KikbB849t","name":"get_weather","result":"19C"}]}]}
                        """,
                false);
        JsonNode assistant = wire.path("messages").get(1);
        String translated = assistant.path("tool_calls").get(0).path("id").asText();
        assertThat(translated).matches("[A-Za-z0-9]{9}");
        assertThat(translated).isEqualTo(MistralToolCallIds.toWire("toolu_01A09q90qw90lq917835lq9"));
        assertThat(assistant.path("tool_calls").get(1).path("id").asText()).isEqualTo("KikbB849t");
        assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(assistant.has("content")).isFalse();
        JsonNode firstResult = wire.path("messages").get(2);
        assertThat(firstResult.path("role").asText()).isEqualTo("tool");
        assertThat(firstResult.path("tool_call_id").asText()).isEqualTo(translated);
        assertThat(firstResult.path("name").asText()).isEqualTo("get_weather");
        assertThat(firstResult.path("content").asText()).isEqualTo("22C");
        assertThat(wire.path("messages").get(3).path("tool_call_id").asText()).isEqualTo("KikbB849t");
    }

    @Test
    void should_echo_thinking_as_a_thinking_chunk_and_keep_every_text_part() throws Exception {
        JsonNode wire = toWire("""
                {"messages":[{"role":"user","content":"2+2?"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"Simple sum."},
                     {"type":"text","text":"It is "},{"type":"text","text":"4."}]},
                  {"role":"user","content":"Thanks"}]}
                """, false);
        JsonNode content = wire.path("messages").get(1).path("content");
        assertThat(content.toString()).isEqualTo(
                "[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\",\"text\":\"Simple sum.\"}]},"
                        + "{\"type\":\"text\",\"text\":\"It is 4.\"}]");
    }

    @Test
    void should_send_images_as_image_url_chunks_and_keep_tool_result_images_in_the_tool_message() throws Exception {
        JsonNode wire = toWire("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                   {"type":"image","url":"data:image/png;base64,iVBORw0KGgo="}]},
                  {"role":"assistant","content":[{"type":"tool_call","id":"abcABC123","name":"snap","arguments":{}}]},
                  {"role":"tool","content":[{"type":"tool_result","tool_call_id":"abcABC123","name":"snap",
                     "result":[{"type":"text","text":"a cat"},{"type":"image","url":"https://example.com/cat.png"}]}]}]}
                """, false);
        assertThat(wire.path("messages").get(0).path("content").toString()).isEqualTo(
                "[{\"type\":\"text\",\"text\":\"What is this?\"},"
                        + "{\"type\":\"image_url\",\"image_url\":\"data:image/png;base64,iVBORw0KGgo=\"}]");
        JsonNode tool = wire.path("messages").get(2);
        assertThat(tool.path("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"a cat\"},"
                + "{\"type\":\"image_url\",\"image_url\":\"https://example.com/cat.png\"}]");
        assertThat(wire.path("messages")).hasSize(3);
    }

    @Test
    void should_send_a_trailing_assistant_turn_as_a_prefix_mistral() throws Exception {
        JsonNode wire = toWire("""
                {"messages":[{"role":"user","content":"Write a haiku"},{"role":"assistant","content":"Autumn"}]}
                """, false);
        assertThat(wire.path("messages").get(1).path("prefix").asBoolean()).isTrue();
        assertThat(wire.path("messages").get(0).has("prefix")).isFalse();
    }

    @ParameterizedTest(name = "budget={0} enable={1} effort={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "null, null, null, null",
            "0, null, null, none",
            "-1, null, high, none",
            "2048, null, null, high",
            "2048, null, medium, medium",
            "null, null, low, low",
            "null, false, high, none",
            "null, true, null, high",
    })
    void should_map_thinking_controls_to_reasoning_effort(Integer budget, Boolean enable, String effort, String expected) {
        AIContext context = new AIContext(null, null, null, null, budget, enable, effort, null, null, null, null, null, null);
        assertThat(MistralRequestMapper.toReasoningEffort(context)).isEqualTo(expected);
    }

    @Test
    void should_pass_fitting_ids_and_hash_others_to_nine_alphanumerics() {
        assertThat(MistralToolCallIds.toWire("KikbB849t")).isEqualTo("KikbB849t");
        assertThat(MistralToolCallIds.toWire("call_abc")).matches("[A-Za-z0-9]{9}");
        assertThat(MistralToolCallIds.toWire("call_abc")).isEqualTo(MistralToolCallIds.toWire("call_abc"));
        assertThat(MistralToolCallIds.toWire("call_abc")).isNotEqualTo(MistralToolCallIds.toWire("call_abd"));
        assertThat(MistralToolCallIds.toWire("abc-12345")).matches("[A-Za-z0-9]{9}");
    }
}
