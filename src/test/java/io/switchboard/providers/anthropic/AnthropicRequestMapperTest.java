package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIContext;
import io.switchboard.gateway.spi.ProviderRequest;

class AnthropicRequestMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AnthropicRequestMapper CACHING = new AnthropicRequestMapper(JSON, true, false);
    private static final AnthropicRequestMapper PLAIN = new AnthropicRequestMapper(JSON, false, false);

    private static ProviderRequest request(String contextJson, Integer maxTokens) throws Exception {
        AIContext context = JSON.readValue(contextJson, AIContext.class);
        return new ProviderRequest(context, "claude-sonnet-4-5", null, context.temperatureOrDefault(), maxTokens,
                "req_1");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void should_send_system_as_a_cached_block_and_mark_the_last_message() throws Exception {
        JsonNode body = CACHING.toWire(request("""
                {"system_prompt":"Be brief.","messages":[{"role":"user","content":"Hi"}]}""", null), false);
        assertThat(body).isEqualTo(json("""
                {"model":"claude-sonnet-4-5","max_tokens":4096,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":{"type":"ephemeral"}}]}],
                 "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
                 "temperature":0.7}"""));
    }

    @Test
    void should_send_system_as_a_string_and_no_markers_when_prompt_caching_is_off() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"system_prompt":"Be brief.","temperature":0.2,"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"name":"f","description":"d","parameters":{"type":"object","properties":{}}}]}""", 100),
                true);
        assertThat(body).isEqualTo(json("""
                {"model":"claude-sonnet-4-5","max_tokens":100,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "system":"Be brief.","temperature":0.2,
                 "tools":[{"name":"f","description":"d","input_schema":{"type":"object","properties":{}}}],
                 "stream":true}"""));
    }

    @Test
    void should_let_the_model_pick_between_the_format_tool_and_the_requests_tools() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"messages":[{"role":"user","content":"Hi"}],"parallel_tool_calls":false,
                 "tools":[{"name":"f","description":"d","parameters":{"type":"object"}}],
                 "response_format":{"type":"json_object"}}""", null), false);
        assertThat(body.get("tools").get(1))
                .isEqualTo(json("{\"name\":\"json_object\",\"input_schema\":{\"type\":\"object\"}}"));
        assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void should_not_force_the_format_tool_while_thinking() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"messages":[{"role":"user","content":"Hi"}],"thinking_budget":2048,
                 "response_format":{"type":"json_object"}}""", null), false);
        assertThat(body.get("tools").get(0).get("name").asText()).isEqualTo("json_object");
        assertThat(body.has("tool_choice")).isFalse();
    }

    @Test
    void should_enable_thinking_with_budget_and_drop_temperature() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"thinking_budget":2048,"temperature":0.3,"messages":[{"role":"user","content":"Hi"}]}""", null), false);
        assertThat(body.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void should_send_the_adaptive_shape_when_configured() throws Exception {
        JsonNode body = new AnthropicRequestMapper(JSON, false, true).toWire(request("""
                {"thinking_budget":2048,"messages":[{"role":"user","content":"Hi"}]}""", null), false);
        assertThat(body.get("thinking")).isEqualTo(json("{\"type\":\"adaptive\",\"display\":\"summarized\"}"));
    }

    @Test
    void should_send_the_adaptive_shape_for_enable_thinking_without_a_budget() throws Exception {
        JsonNode body = new AnthropicRequestMapper(JSON, false, true).toWire(request("""
                {"enable_thinking":true,"messages":[{"role":"user","content":"Hi"}]}""", null), false);
        assertThat(body.get("thinking")).isEqualTo(json("{\"type\":\"adaptive\",\"display\":\"summarized\"}"));
    }

    @Test
    void should_not_enable_thinking_when_the_budget_is_zero() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"thinking_budget":0,"messages":[{"role":"user","content":"Hi"}]}""", null), false);
        assertThat(body.has("thinking")).isFalse();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
    }

    @Test
    void should_mark_the_last_tool_and_the_last_two_eligible_messages_never_a_thinking_block() throws Exception {
        JsonNode body = CACHING.toWire(
                request("""
                        {"messages":[
                          {"role":"user","content":"Weather in Paris?"},
                          {"role":"assistant","content":[
                            {"type":"thinking","thinking":"Use the tool.","signature":"sig=="},
                            {"type":"text","text":"Checking."},
                            {"type":"tool_call","id":"toolu_1","name":"get_weather","arguments":{"city":"Paris"}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"toolu_1","name":"get_weather",
                            "result":[{"type":"text","text":"Sunny"},{"type":"image","url":"data:image/png;base64,iVBORw0KGgo="}]}]}],
                         "tools":[{"name":"a","description":"A","parameters":{"type":"object"}},
                                  {"name":"get_weather","description":"W","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}
                        """,
                        null),
                false);
        assertThat(body.get("messages")).isEqualTo(json("""
                [{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
                 {"role":"assistant","content":[
                   {"type":"thinking","thinking":"Use the tool.","signature":"sig=="},
                   {"type":"text","text":"Checking."},
                   {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"},
                    "cache_control":{"type":"ephemeral"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[
                   {"type":"text","text":"Sunny"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}],
                   "cache_control":{"type":"ephemeral"}}]}]"""));
        assertThat(body.get("tools").get(0).has("cache_control")).isFalse();
        assertThat(body.get("tools").get(1).get("cache_control")).isEqualTo(json("{\"type\":\"ephemeral\"}"));
    }

    @Test
    void should_send_a_text_only_tool_result_as_a_string() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"messages":[{"role":"tool","content":[{"type":"tool_result","tool_call_id":"toolu_1","result":"42"}]}]}""",
                null), false);
        assertThat(body.get("messages").get(0)).isEqualTo(json("""
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"42"}]}"""));
    }

    @Test
    void should_send_a_redacted_thinking_block_for_a_part_with_the_redacted_marker() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"","signature":"redacted:EqkECkYI"},
                                                 {"type":"text","text":"Hello"}]},
                  {"role":"user","content":"Again"}]}""", null), false);
        assertThat(body.get("messages").get(1).get("content")).isEqualTo(json("""
                [{"type":"redacted_thinking","data":"EqkECkYI"},{"type":"text","text":"Hello"}]"""));
    }

    @Test
    void should_leave_out_unsigned_thinking_and_empty_text() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"messages":[{"role":"user","content":"Hi"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"from another backend"},
                                                 {"type":"text","text":""},{"type":"text","text":"Hello"}]}]}""", null),
                false);
        assertThat(body.get("messages").get(1).get("content")).isEqualTo(json("[{\"type\":\"text\",\"text\":\"Hello\"}]"));
    }

    @Test
    void should_send_https_images_as_url_sources_and_data_uris_as_base64() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"Compare"},
                  {"type":"image","url":"https://example.com/a.jpg"},
                  {"type":"image","url":"data:image/webp;base64,UklGR","mime_type":"image/png"}]}]}""", null), false);
        assertThat(body.get("messages").get(0).get("content")).isEqualTo(json("""
                [{"type":"text","text":"Compare"},
                 {"type":"image","source":{"type":"url","url":"https://example.com/a.jpg"}},
                 {"type":"image","source":{"type":"base64","media_type":"image/webp","data":"UklGR"}}]"""));
    }

    @Test
    void should_fold_system_messages_into_the_system_prompt() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"system_prompt":"One.","messages":[{"role":"system","content":"Two."},{"role":"user","content":"Hi"}]}""",
                null), false);
        assertThat(body.get("system").asText()).isEqualTo("One.\n\nTwo.");
        assertThat(body.get("messages")).hasSize(1);
    }

    @Test
    void should_map_foreign_tool_ids_to_the_allowed_characters_on_both_sides() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"messages":[
                  {"role":"assistant","content":[{"type":"tool_call","id":"call.1:a","name":"f","arguments":{}}]},
                  {"role":"tool","content":[{"type":"tool_result","tool_call_id":"call.1:a","result":"ok"}]}]}""", null),
                false);
        assertThat(body.at("/messages/0/content/0/id").asText()).isEqualTo("call_1_a");
        assertThat(body.at("/messages/1/content/0/tool_use_id").asText()).isEqualTo("call_1_a");
    }

    @Test
    void should_place_a_system_breakpoint_on_the_last_tool_when_there_is_no_system_prompt() throws Exception {
        JsonNode body = PLAIN.toWire(request("""
                {"system_cache_control":{"type":"ephemeral"},"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"name":"a","description":"A"},{"name":"b","description":"B"}]}""", null), false);
        assertThat(body.has("system")).isFalse();
        assertThat(body.at("/tools/0").has("cache_control")).isFalse();
        assertThat(body.at("/tools/1/cache_control")).isEqualTo(json("{\"type\":\"ephemeral\"}"));
    }

    @Test
    void should_send_each_part_of_marked_system_messages_as_a_block_of_its_own() throws Exception {
        JsonNode body = CACHING.toWire(request("""
                {"system_prompt":"Be brief.","messages":[
                  {"role":"system","content":[{"type":"text","text":"Rules.","cache_control":{"type":"ephemeral","ttl":"1h"}}]},
                  {"role":"system","content":"Today is Monday."},{"role":"user","content":"Hi"}]}""", null), false);
        assertThat(body.get("system")).isEqualTo(json("""
                [{"type":"text","text":"Be brief."},
                 {"type":"text","text":"Rules.","cache_control":{"type":"ephemeral","ttl":"1h"}},
                 {"type":"text","text":"Today is Monday."}]"""));
        assertThat(body.at("/messages/0/content/0").has("cache_control")).isFalse();
    }
}
