package io.switchboard.providers.openai.responses;

import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

/**
 * Type {@code openai} with {@code api=responses} end to end: the request OpenAI's Responses API takes (checked
 * against its published schema), and its answers, whole and streamed, read into the neutral model. The answers are
 * built from OpenAI's documented payloads (fixtures/openai/responses/README.md): no recording of this API exists.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OpenAiResponsesProviderTest extends FakeUpstreamTest {

    static final String PROVIDER = "openai-responses";
    static final String REASONING_TEXT = "openai/responses/reasoning-text.json";
    static final String REASONING_TOOL_CALL = "openai/responses/reasoning-tool-call.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEATHER_TOOL = """
            {"name":"get_current_weather","description":"Get the current weather in a given location",
             "parameters":{"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string"}},
             "required":["location","unit"]}}""";

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** The reasoning item of a fixture: its id and encrypted content as the signature holds them, and its summary. */
    static String signatureOf(String fixture, int index) {
        JsonNode item = read(FixtureFiles.text(fixture)).at("/output/" + index);
        return item.get("id").asText() + " " + item.get("encrypted_content").asText();
    }

    private JsonNode sent() {
        return read(fake.lastRequest().body);
    }

    private void assertSentToTheResponsesApi() {
        FakeUpstream.Received received = fake.lastRequest();
        assertThat(received.path).isEqualTo("/v1/responses");
        assertThat(received.header("Authorization")).isEqualTo("Bearer test-key");
        UpstreamSpec.assertValid("openai-responses", "/v1/responses", received);
    }

    @Test
    void should_read_reasoning_summary_encrypted_state_text_and_disjoint_usage() {
        JsonPath answer = generateRecorded(REASONING_TEXT, PROVIDER, """
                {"system_prompt":"Be brief.","messages":[{"role":"user","content":"How do I cross the street?"}],
                 "max_tokens":500,"temperature":0.2,"reasoning_effort":"low"}""");
        assertSentToTheResponsesApi();
        JsonNode body = sent();
        assertThat(body.get("model").asText()).isEqualTo("gpt-5");
        assertThat(body.get("store").asBoolean(true)).isFalse();
        assertThat(body.get("include").toString()).isEqualTo("[\"reasoning.encrypted_content\"]");
        assertThat(body.get("instructions").asText()).isEqualTo("Be brief.");
        assertThat(body.get("input").toString())
                .isEqualTo("[{\"type\":\"message\",\"role\":\"user\",\"content\":\"How do I cross the street?\"}]");
        assertThat(body.get("max_output_tokens").asInt()).isEqualTo(500);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.get("reasoning").toString()).isEqualTo("{\"effort\":\"low\",\"summary\":\"auto\"}");
        assertThat(body.has("stream")).isFalse();

        JsonNode summary = read(FixtureFiles.text(REASONING_TEXT)).at("/output/0/summary");
        assertThat(answer.getString("thinking"))
                .isEqualTo(summary.get(0).get("text").asText() + "\n\n" + summary.get(1).get("text").asText());
        assertThat(answer.getString("thinking_signature")).isEqualTo(signatureOf(REASONING_TEXT, 0));
        assertThat(answer.getString("content")).startsWith("Use a crosswalk");
        assertThat(answer.getString("finish_reason")).isEqualTo("stop");
        assertThat(answer.getString("metadata.provider_finish_reason")).isEqualTo("completed");
        assertThat(answer.getString("metadata.response_model")).isEqualTo("gpt-5-2025-08-07");
        // 1230 input of which 1024 cached; 412 output of which 384 reasoning
        assertThat(answer.getMap("usage")).isEqualTo(Map.of("input_tokens", 206, "cache_read_input_tokens", 1024,
                "output_tokens", 28, "reasoning_tokens", 384));
    }

    @Test
    void should_stream_summary_deltas_then_the_state_of_output_item_done_split_anywhere() {
        String fixture = FixtureFiles.text("openai/responses/reasoning-text-stream.sse");
        JsonPath whole = generateRecorded(REASONING_TEXT, PROVIDER, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        for (List<String> chunks : List.of(Chunks.after(fixture, "\n\n"), Chunks.every(fixture, 7))) {
            fake.enqueue(FakeUpstream.sse(chunks));
            List<SseEvents.Event> events = stream(PROVIDER, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(sent().get("stream").asBoolean()).isTrue();
            assertSentToTheResponsesApi();
            assertThat(SseEvents.thinking(events)).isEqualTo(whole.getString("thinking"));
            assertThat(SseEvents.text(events)).isEqualTo(whole.getString("content"));
            // the state comes whole from output_item.done, not the partial one output_item.added carried
            List<String> signatures = events.stream().filter(e -> "thinking_delta".equals(e.event()))
                    .map(e -> e.json().getString("signature")).filter(s -> s != null).toList();
            assertThat(signatures).containsExactly(signatureOf(REASONING_TEXT, 0));
            JsonPath done = last(events);
            assertThat(done.getString("type")).isEqualTo("done");
            assertThat(done.getString("finish_reason")).isEqualTo("stop");
            assertThat(done.getMap("usage")).isEqualTo(whole.getMap("usage"));
        }
    }

    @Test
    void should_call_a_tool_then_send_the_call_its_reasoning_and_its_output_back() {
        JsonPath answer = generateRecorded(REASONING_TOOL_CALL, PROVIDER, """
                {"messages":[{"role":"user","content":"Weather in Boston?"}],"tools":[%s],
                 "tool_choice":{"type":"tool","name":"get_current_weather"}}""".formatted(WEATHER_TOOL));
        assertSentToTheResponsesApi();
        JsonNode request = sent();
        assertThat(request.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(request.at("/tools/0/name").asText()).isEqualTo("get_current_weather");
        assertThat(request.at("/tools/0/parameters/required/1").asText()).isEqualTo("unit");
        assertThat(request.get("tool_choice").toString())
                .isEqualTo("{\"type\":\"function\",\"name\":\"get_current_weather\"}");
        assertThat(answer.getString("finish_reason")).isEqualTo("tool_calls");
        assertThat(answer.getString("tool_calls[0].id")).isEqualTo("call_JHBjsV0dqVHdxlLq5W0JbbWT");
        assertThat(answer.getString("tool_calls[0].name")).isEqualTo("get_current_weather");
        assertThat(answer.getMap("tool_calls[0].arguments")).isEqualTo(Map.of("location", "Boston, MA", "unit",
                "celsius"));

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/responses/text.json")));
        generate(PROVIDER, """
                {"messages":[{"role":"user","content":"Weather in Boston?"},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":%s,"signature":"%s"},
                    {"type":"tool_call","id":"call_JHBjsV0dqVHdxlLq5W0JbbWT","name":"get_current_weather",
                     "arguments":{"location":"Boston, MA","unit":"celsius"}}]},
                  {"role":"tool","content":[{"type":"tool_result","tool_call_id":"call_JHBjsV0dqVHdxlLq5W0JbbWT",
                    "result":"12 degrees, rain"}]}],
                 "tools":[%s]}""".formatted(JSON.valueToTree(answer.getString("thinking")),
                answer.getString("thinking_signature"), WEATHER_TOOL));
        assertSentToTheResponsesApi();
        JsonNode input = sent().get("input");
        JsonNode recorded = read(FixtureFiles.text(REASONING_TOOL_CALL)).at("/output/0");
        assertThat(input.get(1).get("type").asText()).isEqualTo("reasoning");
        assertThat(input.get(1).get("id").asText()).isEqualTo(recorded.get("id").asText());
        assertThat(input.get(1).get("encrypted_content").asText()).isEqualTo(recorded.get("encrypted_content").asText());
        assertThat(input.get(1).at("/summary/0/text").asText()).isEqualTo(recorded.at("/summary/0/text").asText());
        assertThat(input.get(2).toString()).isEqualTo("{\"type\":\"function_call\",\"call_id\":"
                + "\"call_JHBjsV0dqVHdxlLq5W0JbbWT\",\"name\":\"get_current_weather\","
                + "\"arguments\":\"{\\\"location\\\":\\\"Boston, MA\\\",\\\"unit\\\":\\\"celsius\\\"}\"}");
        assertThat(input.get(3).toString()).isEqualTo("{\"type\":\"function_call_output\",\"call_id\":"
                + "\"call_JHBjsV0dqVHdxlLq5W0JbbWT\",\"output\":\"12 degrees, rain\"}");
        assertThat(input).hasSize(4);
    }

    @Test
    void should_assemble_streamed_function_call_arguments_and_emit_the_call_once() {
        String fixture = FixtureFiles.text("openai/responses/reasoning-tool-call-stream.sse");
        fake.enqueue(FakeUpstream.sse(Chunks.every(fixture, 11)));
        List<SseEvents.Event> events = stream(PROVIDER, """
                {"messages":[{"role":"user","content":"Weather in Boston?"}],"tools":[%s]}""".formatted(WEATHER_TOOL));
        List<SseEvents.Event> calls = events.stream().filter(e -> "tool_call".equals(e.event())).toList();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().json().getString("id")).isEqualTo("call_JHBjsV0dqVHdxlLq5W0JbbWT");
        assertThat(calls.getFirst().json().getMap("arguments")).isEqualTo(Map.of("location", "Boston, MA", "unit",
                "celsius"));
        assertThat(last(events).getString("finish_reason")).isEqualTo("tool_calls");
        assertThat(events.stream().map(e -> e.json().getString("signature")).filter(s -> s != null).toList())
                .containsExactly(signatureOf(REASONING_TOOL_CALL, 0));
    }

    @Test
    void should_serve_chat_completions_with_text_and_tool_calls_over_the_responses_wire() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(REASONING_TEXT)));
        JsonPath text = jsonRequest().body("{\"model\":\"" + PROVIDER
                + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200).extract().jsonPath();
        assertSentToTheResponsesApi();
        assertThat(sent().get("instructions").asText()).isEqualTo("Be brief.");
        assertThat(text.getString("choices[0].message.content")).startsWith("Use a crosswalk");
        assertThat(text.getString("choices[0].message.reasoning_content")).startsWith("**Checking the crossing rules**");
        assertThat(text.getInt("usage.prompt_tokens")).isEqualTo(1230);
        assertThat(text.getInt("usage.completion_tokens")).isEqualTo(412);

        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("openai/responses/reasoning-tool-call-stream.sse"),
                "\n\n")));
        String streamed = jsonRequest().body("{\"model\":\"" + PROVIDER + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Boston?\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":" + WEATHER_TOOL + "}],\"tool_choice\":\"required\"}")
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();
        assertSentToTheResponsesApi();
        assertThat(sent().get("tool_choice").asText()).isEqualTo("required");
        assertThat(sent().at("/tools/0/name").asText()).isEqualTo("get_current_weather");
        assertThat(streamed).contains("\"name\":\"get_current_weather\"")
                .contains("\"finish_reason\":\"tool_calls\"").contains("data: [DONE]");
    }

    @Test
    void should_report_length_when_incomplete_for_max_output_tokens() {
        JsonPath answer = generateRecorded("openai/responses/incomplete-max-output-tokens.json", PROVIDER,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":16}");
        assertThat(answer.getString("content")).isEqualTo("Use a crosswalk and");
        assertThat(answer.getString("finish_reason")).isEqualTo("length");
        assertThat(answer.getString("metadata.provider_finish_reason")).isEqualTo("max_output_tokens");
    }

    @Test
    void should_map_the_openai_error_envelope_as_on_chat_completions() {
        fake.enqueue(FakeUpstream.json(400, FixtureFiles.text("openai/responses/error-400-context-length-exceeded.json")));
        post("/v1/generate", PROVIDER, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").then()
                .statusCode(400).body("error.context_overflow", equalTo(true))
                .body("error.status_code", equalTo(400)).body("error.retryable", equalTo(false));
    }

    @Test
    void should_end_a_stream_with_one_error_event_when_the_upstream_sends_an_error_event() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("openai/responses/error-event-stream.sse"),
                "\n\n")));
        List<SseEvents.Event> events = stream(PROVIDER, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(SseEvents.text(events)).isEqualTo("Use a");
        JsonPath error = last(events);
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getString("error.message")).contains("The server had an error");
        assertThat(error.getBoolean("error.retryable")).isTrue();
        assertThat(events.stream().filter(e -> "done".equals(e.event()))).isEmpty();
    }

    @Test
    void should_refuse_stop_sequences_naming_the_field_without_calling_the_upstream() {
        post("/v1/generate", PROVIDER, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop_sequences\":[\"END\"]}")
                .then().statusCode(400).body("error.message", containsString("stop_sequences"));
        assertThat(fake.requests()).isEmpty();
    }
}
