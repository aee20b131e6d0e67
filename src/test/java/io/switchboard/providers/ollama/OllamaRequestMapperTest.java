package io.switchboard.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.core.model.AIContext;
import io.switchboard.gateway.spi.ProviderRequest;

class OllamaRequestMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode toWire(String contextJson, String keepAlive, Map<String, String> fetched) throws Exception {
        AIContext context = JSON.readValue(contextJson, AIContext.class);
        ProviderRequest request = new ProviderRequest(context, "qwen3:0.6b", null, context.temperatureOrDefault(),
                context.maxTokens(), "req_1");
        return JSON.valueToTree(new OllamaRequestMapper("ollama", keepAlive).toWire(request, true, fetched));
    }

    @Test
    void should_send_options_stream_and_no_think_by_default() throws Exception {
        JsonNode wire = toWire("{\"system_prompt\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                null, Map.of());
        assertThat(wire.toString()).isEqualTo("{\"model\":\"qwen3:0.6b\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"options\":{\"temperature\":0.7},\"stream\":true}");
    }

    @Test
    void should_send_num_predict_keep_alive_and_tools() throws Exception {
        JsonNode wire = toWire("""
                {"max_tokens":128,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{}}}]}
                """, "5m", Map.of());
        assertThat(wire.path("options").path("num_predict").asInt()).isEqualTo(128);
        assertThat(wire.path("keep_alive").asText()).isEqualTo("5m");
        assertThat(wire.path("tools").get(0).toString()).isEqualTo("{\"type\":\"function\",\"function\":"
                + "{\"name\":\"get_weather\",\"description\":\"Weather\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}");
        assertThat(toWire("{\"messages\":[]}", "-1", Map.of()).path("keep_alive").isNumber()).isTrue();
    }

    @Test
    void should_echo_thinking_and_object_arguments_and_name_tool_results() throws Exception {
        JsonNode wire = toWire(
                """
                        {"messages":[{"role":"user","content":"Weather?"},
                          {"role":"assistant","content":[{"type":"thinking","thinking":"Need the tool."},{"type":"text","text":"Checking."},
                             {"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris"}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"call_1","name":"get_weather","result":"22C"}]}]}
                        """,
                null, Map.of());
        assertThat(wire.path("messages").get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"Checking.\","
                + "\"thinking\":\"Need the tool.\",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}]}");
        assertThat(wire.path("messages").get(2).toString())
                .isEqualTo("{\"role\":\"tool\",\"content\":\"22C\",\"tool_name\":\"get_weather\"}");
    }

    @Test
    void should_send_images_as_bare_base64() throws Exception {
        JsonNode wire = toWire(
                """
                        {"messages":[{"role":"user","content":[{"type":"text","text":"What?"},
                           {"type":"image","url":"data:image/png;base64,iVBORw0KGgo="},{"type":"image","url":"https://example.com/a.png"}]},
                          {"role":"assistant","content":[{"type":"tool_call","id":"c1","name":"snap","arguments":{}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"c1","name":"snap",
                             "result":[{"type":"image","url":"data:image/jpeg;base64,/9j/4AAQ"}]}]}]}
                        """,
                null, Map.of("https://example.com/a.png", "QUJD"));
        assertThat(wire.path("messages").get(0).path("images").toString()).isEqualTo("[\"iVBORw0KGgo=\",\"QUJD\"]");
        assertThat(wire.path("messages").get(2).toString())
                .isEqualTo("{\"role\":\"tool\",\"content\":\"[see image below]\",\"tool_name\":\"snap\"}");
        assertThat(wire.path("messages").get(3).toString())
                .isEqualTo("{\"role\":\"user\",\"content\":\"\",\"images\":[\"/9j/4AAQ\"]}");
    }

    @Test
    void should_list_remote_images_with_their_field() throws Exception {
        AIContext context = JSON.readValue("""
                {"messages":[{"role":"user","content":"x"},{"role":"user","content":[{"type":"text","text":"a"},
                   {"type":"image","url":"https://example.com/a.png"}]},
                  {"role":"tool","content":[{"type":"tool_result","tool_call_id":"c1","name":"snap",
                     "result":[{"type":"text","text":"t"},{"type":"image","url":"https://example.com/b.png"}]}]}]}
                """, AIContext.class);
        assertThat(OllamaRequestMapper.remoteImages(context)).containsExactly(
                new OllamaRequestMapper.RemoteImage("messages[1].content[1].url", "https://example.com/a.png"),
                new OllamaRequestMapper.RemoteImage("messages[2].content[0].result[1].url", "https://example.com/b.png"));
    }

    @ParameterizedTest(name = "budget={0} enable={1} effort={2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "null, null, null, null",
            "0, null, null, false",
            "-5, true, high, false",
            "1024, null, null, true",
            "1024, null, low, low",
            "null, true, null, true",
            "null, false, null, false",
            "null, null, none, false",
            "null, null, minimal, low",
            "null, null, medium, medium",
            "null, null, high, high",
            "null, null, xhigh, max",
            "null, null, turbo, true",
    })
    void should_map_thinking_controls_to_think(Integer budget, Boolean enable, String effort, String expected) {
        AIContext context = new AIContext(null, null, null, null, budget, enable, effort, null, null, null, null, null, null);
        Object think = OllamaRequestMapper.toThink(context);
        assertThat(think == null ? null : think.toString()).isEqualTo(expected);
    }
}
