package io.switchboard.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.ProviderRequest;

class GeminiRequestMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode toWire(String context) throws Exception {
        return toWire(context, null, 0.7, null);
    }

    private static JsonNode toWire(String context, String configuredLevel, double temperature, Integer maxTokens)
            throws Exception {
        AIContext ctx = JSON.readValue(context, AIContext.class);
        ProviderRequest request = new ProviderRequest(ctx, "gemini-2.5-flash", null, temperature, maxTokens, "req_1");
        return JSON.valueToTree(new GeminiRequestMapper("gemini", configuredLevel).toWire(request));
    }

    @Test
    void should_map_roles_system_prompt_and_generation_config() throws Exception {
        JsonNode wire = toWire("""
                {"system_prompt":"Be brief.","messages":[
                  {"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hello!"},
                  {"role":"system","content":"note"},
                  {"role":"user","content":[{"type":"text","text":"Bye"}]}]}""", null, 0.3, 100);
        assertThat(wire.toString()).isEqualTo("""
                {"contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello!"}]},\
                {"role":"user","parts":[{"text":"note"}]},{"role":"user","parts":[{"text":"Bye"}]}],\
                "systemInstruction":{"parts":[{"text":"Be brief."}]},\
                "generationConfig":{"temperature":0.3,"maxOutputTokens":100}}""");
    }

    @Test
    void should_send_images_inline_from_data_uris_and_as_file_data_for_urls() throws Exception {
        JsonNode parts = toWire("""
                {"messages":[{"role":"user","content":[
                  {"type":"image","url":"data:image/png;base64,iVBORw0KGgo="},
                  {"type":"image","url":"https://example.com/cat.webp"},
                  {"type":"image","url":"https://example.com/photo","mime_type":"image/heic"}]}]}""")
                .path("contents").path(0).path("parts");
        assertThat(parts.path(0).toString())
                .isEqualTo("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}");
        assertThat(parts.path(1).toString())
                .isEqualTo("{\"fileData\":{\"mimeType\":\"image/webp\",\"fileUri\":\"https://example.com/cat.webp\"}}");
        assertThat(parts.path(2).path("fileData").path("mimeType").asText()).isEqualTo("image/heic");
    }

    @Test
    void should_echo_calls_results_and_signatures_on_the_parts_that_carried_them() throws Exception {
        JsonNode contents = toWire(
                """
                        {"messages":[
                          {"role":"user","content":"Weather in Paris and Rome?"},
                          {"role":"assistant","content":[
                            {"type":"thinking","thinking":"I should call the tool.","signature":null},
                            {"type":"text","text":"Checking."},
                            {"type":"tool_call","id":"call_a","name":"get_weather","arguments":{"city":"Paris"},
                             "metadata":{"thought_signature":"c2lnLTE="}},
                            {"type":"tool_call","id":"call_b","name":"get_weather","arguments":{"city":"Rome"},"metadata":{}},
                            {"type":"tool_call","id":"fc-9","name":"get_time","arguments":{},"metadata":{"gemini_call_id":"fc-9"}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"call_a","name":"get_weather","result":"18C"}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"call_b","result":[
                            {"type":"text","text":"21C"},{"type":"image","url":"data:image/png;base64,AAAA"}]}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"fc-9","name":"get_time","result":"noon"}]}]}
                        """)
                .path("contents");
        assertThat(contents.path(1).toString()).isEqualTo("""
                {"role":"model","parts":[{"text":"Checking."},\
                {"thoughtSignature":"c2lnLTE=","functionCall":{"name":"get_weather","args":{"city":"Paris"}}},\
                {"functionCall":{"name":"get_weather","args":{"city":"Rome"}}},\
                {"functionCall":{"id":"fc-9","name":"get_time","args":{}}}]}""");
        assertThat(contents.path(2).toString()).isEqualTo("""
                {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"18C"}}}]}""");
        // the name comes from the earlier call when the result has none; its image follows in a user content
        assertThat(contents.path(3).toString()).isEqualTo("""
                {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"21C"}}}]}""");
        assertThat(contents.path(4).toString())
                .isEqualTo("{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}");
        // Gemini gave this id, so it is echoed (ids it did not give are never sent back)
        assertThat(contents.path(5).path("parts").path(0).path("functionResponse").path("id").asText()).isEqualTo("fc-9");
    }

    @Test
    void should_put_a_thinking_signature_on_the_next_text_part_or_on_an_empty_text_part() throws Exception {
        JsonNode contents = toWire("""
                {"messages":[
                  {"role":"user","content":"a"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"c2ln"},
                    {"type":"text","text":"Answer"}]},
                  {"role":"user","content":"b"},
                  {"role":"assistant","content":[{"type":"text","text":"Only text"},
                    {"type":"thinking","thinking":"","signature":"bGF0ZQ=="}]},
                  {"role":"user","content":"c"}]}""").path("contents");
        assertThat(contents.path(1).path("parts").toString())
                .isEqualTo("[{\"text\":\"Answer\",\"thoughtSignature\":\"c2ln\"}]");
        assertThat(contents.path(3).path("parts").toString())
                .isEqualTo("[{\"text\":\"Only text\"},{\"text\":\"\",\"thoughtSignature\":\"bGF0ZQ==\"}]");
    }

    @Test
    void should_refuse_a_history_ending_with_a_model_turn_before_any_call() {
        assertThatThrownBy(() -> toWire("""
                {"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},
                  {"role":"assistant","content":"c"}]}"""))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("end with a user turn").contains("2 trailing");
                });
    }

    @Test
    void should_prefer_thinking_level_over_budget_and_send_no_config_for_budget_zero() throws Exception {
        assertThat(toWire("{\"thinking_budget\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")
                .path("generationConfig").path("thinkingConfig").toString())
                .isEqualTo("{\"thinkingBudget\":1024,\"includeThoughts\":true}");
        assertThat(toWire("{\"thinking_budget\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")
                .path("generationConfig").path("thinkingConfig").path("thinkingBudget").asInt()).isEqualTo(-1);
        assertThat(toWire("{\"thinking_budget\":0,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")
                .path("generationConfig").has("thinkingConfig")).isFalse();
        assertThat(toWire("{\"thinking_budget\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}", "high", 0.7,
                null).path("generationConfig").path("thinkingConfig").toString())
                .isEqualTo("{\"includeThoughts\":true,\"thinkingLevel\":\"HIGH\"}");
        assertThat(toWire("{\"reasoning_effort\":\"minimal\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}", "high",
                0.7, null).path("generationConfig").path("thinkingConfig").path("thinkingLevel").asText())
                .isEqualTo("MINIMAL");
        assertThat(toWire("{\"enable_thinking\":false,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}")
                .path("generationConfig").path("thinkingConfig").toString()).isEqualTo("{\"thinkingBudget\":0}");
        assertThatThrownBy(
                () -> toWire("{\"reasoning_effort\":\"xhigh\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage()).startsWith("reasoning_effort"));
    }

    @Test
    void should_clean_tool_schemas_to_what_gemini_accepts() throws Exception {
        JsonNode declarations = toWire("""
                {"messages":[{"role":"user","content":"a"}],"tools":[
                  {"name":"search","description":"Search.","parameters":{
                    "$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                    "title":"Args","properties":{
                      "query":{"type":"string","title":"Query","default":"x","minLength":1},
                      "limit":{"anyOf":[{"type":"integer"},{"type":"null"}],"description":"How many"},
                      "when":{"type":["string","null"],"format":"date-time"},
                      "site":{"type":"string","format":"uri"},
                      "tags":{"type":"array","items":{"type":"string"},"minItems":1},
                      "filter":{"$ref":"#/$defs/Filter"},
                      "mode":{"enum":["fast","slow",null]},
                      "level":{"type":"integer","enum":[1,2]}},
                    "required":["query","ghost"],
                    "$defs":{"Filter":{"type":"object","properties":{"lang":{"type":"string"}}}}}},
                  {"name":"ping","description":"Ping.","parameters":{"type":"object","properties":{}}}]}""")
                .path("tools").path(0).path("functionDeclarations");
        assertThat(declarations.path(0).path("parameters").toString()).isEqualTo("""
                {"type":"OBJECT","properties":{\
                "query":{"type":"STRING"},\
                "limit":{"type":"INTEGER","nullable":true,"description":"How many"},\
                "when":{"type":"STRING","format":"date-time","nullable":true},\
                "site":{"type":"STRING"},\
                "tags":{"type":"ARRAY","minItems":"1","items":{"type":"STRING"}},\
                "filter":{"type":"OBJECT","properties":{"lang":{"type":"STRING"}}},\
                "mode":{"type":"STRING","enum":["fast","slow"],"nullable":true},\
                "level":{"type":"STRING","enum":["1","2"]}},\
                "required":["query"]}""");
        // a tool without parameters sends none: Gemini rejects an OBJECT without properties
        assertThat(declarations.path(1).toString()).isEqualTo("{\"name\":\"ping\",\"description\":\"Ping.\"}");
    }

    @Test
    void should_not_loop_on_a_recursive_ref() {
        ObjectNode schema = (ObjectNode) JSON.valueToTree(java.util.Map.of("type", "object", "properties",
                java.util.Map.of("child", java.util.Map.of("$ref", "#"))));
        ObjectNode cleaned = GeminiSchemaCleaner.toGemini(schema);
        assertThat(cleaned.path("properties").path("child").path("type").asText()).isEqualTo("OBJECT");
        assertThat(cleaned.toString()).hasSizeLessThan(5000);
    }
}
