package io.switchboard.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

/** End to end through /v1/generate and /v1/stream against a fake Messages API replaying recorded bodies. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class AnthropicProviderTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}]}";

    @TestHTTPResource("/v1/stream")
    URL streamUrl;

    private FakeUpstream.Reply json(String fixture) {
        return FakeUpstream.json(200, AnthropicFixtures.text(fixture));
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(fake.lastRequest().body);
    }

    private void assertValidRequest() {
        UpstreamSpec.assertValid("anthropic", "/v1/messages", fake.lastRequest());
    }

    // ---- generate

    @Test
    void should_generate_text_with_usage_and_send_auth_version_and_max_tokens() throws Exception {
        fake.enqueue(json("text.json"));
        JsonPath response = generate("anthropic", HELLO);
        assertThat(response.getString("content")).isEqualTo("4200 + 42 = 4242");
        assertThat(response.getString("finish_reason")).isEqualTo("stop");
        assertThat(response.getString("metadata.provider_finish_reason")).isEqualTo("end_turn");
        assertThat(response.getString("metadata.provider")).isEqualTo("anthropic");
        assertThat(response.getString("metadata.model")).isEqualTo("claude-sonnet-4-5");
        assertThat(response.getMap("usage")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("input_tokens", 17,
                "output_tokens", 15, "cache_read_input_tokens", 0, "cache_creation_input_tokens", 0,
                "cache_creation_1h_input_tokens", 0));
        assertThat(response.getString("thinking")).isNull();
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("test-key");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        JsonNode body = sentBody();
        assertThat(body.get("max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.has("stream")).isFalse();
        assertValidRequest();
    }

    @Test
    void should_generate_thinking_with_signature_and_send_the_budget_without_temperature() throws Exception {
        fake.enqueue(json("thinking.json"));
        JsonPath response = generate("anthropic", """
                {"thinking_budget":1024,"temperature":0.5,
                 "messages":[{"role":"user","content":"How do I cross the street?"}]}""");
        assertThat(response.getString("thinking")).startsWith("This is a straightforward question");
        assertThat(response.getString("thinking_signature")).startsWith("Eq8CCkYICxgCKkDdadQOXMzNBqjr");
        assertThat(response.getString("content")).startsWith("Here's how to cross the street safely:");
        JsonNode body = sentBody();
        assertThat(body.get("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":1024}");
        assertThat(body.has("temperature")).isFalse();
        assertValidRequest();
    }

    @Test
    void should_generate_parallel_tool_calls_and_send_tools_with_input_schema() throws Exception {
        fake.enqueue(json("tool-use-parallel.json"));
        JsonPath response = generate("anthropic",
                """
                        {"system_prompt":"Use parallel tool calling.",
                         "messages":[{"role":"user","content":"Retrieve the secrets for: mellon,radiance"}],
                         "tools":[{"name":"secret_retrieval_tool","description":"A tool that requires a password.",
                                   "parameters":{"type":"object","properties":{"password":{"type":"string"}},"required":["password"]}}]}""");
        assertThat(response.getString("finish_reason")).isEqualTo("tool_calls");
        assertThat(response.getList("tool_calls.id")).containsExactly("toolu_01BUvqBj8Yb34pNAbCJJY1oc",
                "toolu_01VPuQJ1LonDBYXrr8pqPkqQ");
        assertThat(response.getList("tool_calls.arguments.password")).containsExactly("mellon", "radiance");
        assertThat(response.getString("content")).isEqualTo("I'll retrieve the secrets for both passwords you provided.");
        JsonNode body = sentBody();
        assertThat(body.at("/tools/0/input_schema/required/0").asText()).isEqualTo("password");
        assertThat(body.at("/tools/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(body.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertValidRequest();
    }

    @Test
    void should_generate_four_parallel_tool_calls_from_the_second_recording() {
        fake.enqueue(json("tool-use-parallel-2.json"));
        JsonPath response = generate("anthropic", HELLO);
        assertThat(response.getList("tool_calls.arguments.name")).containsExactly("Alice", "Bob", "Charlie", "Daisy");
        assertThat(response.getInt("usage.input_tokens")).isEqualTo(423);
    }

    @Test
    void should_report_length_when_max_tokens_stopped_the_answer() {
        fake.enqueue(json("stop-max-tokens.json"));
        JsonPath response = generate("anthropic",
                "{\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"List all U.S. states.\"}]}");
        assertThat(response.getString("finish_reason")).isEqualTo("length");
        assertThat(response.getString("metadata.provider_finish_reason")).isEqualTo("max_tokens");
        assertThat(response.getString("content")).endsWith("8. Delaware\n9");
    }

    @Test
    void should_report_cache_read_and_creation_tokens_as_given() {
        fake.enqueue(json("cache-read-usage.json"));
        JsonPath response = generate("anthropic", HELLO);
        assertThat(response.getInt("usage.input_tokens")).isEqualTo(3);
        assertThat(response.getInt("usage.cache_read_input_tokens")).isEqualTo(1111);
        assertThat(response.getInt("usage.cache_creation_input_tokens")).isEqualTo(418);
        assertThat(response.getInt("usage.output_tokens")).isEqualTo(33);
    }

    @Test
    void should_send_images_as_base64_and_url_sources_valid_for_the_spec() throws Exception {
        fake.enqueue(json("text.json"));
        generate("anthropic", """
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is in these?"},
                  {"type":"image","url":"data:image/png;base64,iVBORw0KGgo="},
                  {"type":"image","url":"https://example.com/cat.jpg"}]}]}""");
        JsonNode content = sentBody().at("/messages/0/content");
        assertThat(content.get(1).get("source").toString())
                .isEqualTo("{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}");
        assertThat(content.get(2).get("source").toString())
                .isEqualTo("{\"type\":\"url\",\"url\":\"https://example.com/cat.jpg\"}");
        assertValidRequest();
    }

    @Test
    void should_echo_thinking_tool_use_and_tool_results_with_images_valid_for_the_spec() throws Exception {
        fake.enqueue(json("text.json"));
        generate("anthropic",
                """
                        {"thinking_budget":1024,"messages":[
                          {"role":"user","content":"Weather in Paris?"},
                          {"role":"assistant","content":[
                            {"type":"thinking","thinking":"Call the tool.","signature":"EqQBCkgIARABGAIiQL=="},
                            {"type":"tool_call","id":"toolu_01A","name":"get_weather","arguments":{"city":"Paris"}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"toolu_01A","name":"get_weather",
                            "result":[{"type":"text","text":"Sunny, 24C"},{"type":"image","url":"data:image/png;base64,iVBORw0KGgo="}]}]}],
                         "tools":[{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}""");
        JsonNode messages = sentBody().get("messages");
        assertThat(messages.at("/1/content/0/type").asText()).isEqualTo("thinking");
        assertThat(messages.at("/1/content/0/signature").asText()).isEqualTo("EqQBCkgIARABGAIiQL==");
        assertThat(messages.at("/1/content/1/type").asText()).isEqualTo("tool_use");
        assertThat(messages.at("/2/role").asText()).isEqualTo("user");
        assertThat(messages.at("/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(messages.at("/2/content/0/content/1/type").asText()).isEqualTo("image");
        assertValidRequest();
    }

    @Test
    void should_round_trip_redacted_thinking_from_a_stream_into_the_next_request() throws Exception {
        fake.enqueue(FakeUpstream.sse(Chunks.after(AnthropicFixtures.text("redacted-thinking-stream.sse"), "\n\n")));
        List<SseEvents.Event> events = stream("anthropic", HELLO);
        List<String> signatures = events.stream().filter(e -> "thinking_delta".equals(e.event()))
                .map(e -> e.json().getString("signature")).toList();
        assertThat(signatures).hasSize(2).allSatisfy(s -> assertThat(s).startsWith("redacted:"));

        // The client echoes what it got as thinking parts; each must go back as the same redacted block.
        String history = JSON.writeValueAsString(JSON.createObjectNode().set("messages", JSON.valueToTree(List.of(
                java.util.Map.of("role", "user", "content", "Hi"),
                java.util.Map.of("role", "assistant", "content", List.of(
                        java.util.Map.of("type", "thinking", "thinking", "", "signature", signatures.get(0)),
                        java.util.Map.of("type", "thinking", "thinking", "", "signature", signatures.get(1)),
                        java.util.Map.of("type", "text", "text", SseEvents.text(events)))),
                java.util.Map.of("role", "user", "content", "Thanks")))));
        fake.enqueue(json("text.json"));
        generate("anthropic", history);
        JsonNode assistant = sentBody().at("/messages/1/content");
        assertThat(assistant.get(0).get("type").asText()).isEqualTo("redacted_thinking");
        assertThat("redacted:" + assistant.get(0).get("data").asText()).isEqualTo(signatures.get(0));
        assertThat("redacted:" + assistant.get(1).get("data").asText()).isEqualTo(signatures.get(1));
        assertValidRequest();
    }

    @Test
    void should_send_plain_system_no_markers_configured_max_tokens_and_version_when_caching_is_off() throws Exception {
        fake.enqueue(json("text.json"));
        generate("anthropic-plain", """
                {"system_prompt":"Be brief.","messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"name":"f","description":"F","parameters":{"type":"object","properties":{}}}]}""");
        assertThat(fake.lastRequest().header("anthropic-version")).isEqualTo("2023-01-01");
        assertThat(fake.lastRequest().body).doesNotContain("cache_control");
        JsonNode body = sentBody();
        assertThat(body.get("system").asText()).isEqualTo("Be brief.");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1000);
        assertThat(body.get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertValidRequest();
    }

    // ---- stream

    @Test
    void should_stream_text_split_every_seven_characters_with_done_and_merged_usage() {
        fake.enqueue(FakeUpstream.sse(Chunks.every(AnthropicFixtures.text("text-stream.sse"), 7)));
        List<SseEvents.Event> events = stream("anthropic", HELLO);
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "text_delta", "done");
        assertThat(SseEvents.text(events)).isEqualTo("4200 + 42 = 4242");
        JsonPath done = events.get(2).json();
        assertThat(done.getString("finish_reason")).isEqualTo("stop");
        assertThat(done.getInt("usage.input_tokens")).isEqualTo(17);
        assertThat(done.getInt("usage.output_tokens")).isEqualTo(15);
        assertThat(done.getString("metadata.provider_finish_reason")).isEqualTo("end_turn");
        assertThat(fake.lastRequest().body).contains("\"stream\":true");
        assertValidRequest();
    }

    @Test
    void should_stream_thinking_then_a_signature_only_delta() {
        fake.enqueue(FakeUpstream.sse(Chunks.every(AnthropicFixtures.text("thinking-stream-signature-delta.sse"), 11)));
        List<SseEvents.Event> events = stream("anthropic", """
                {"thinking_budget":1024,"messages":[{"role":"user","content":"How do I cross the street?"}]}""");
        List<SseEvents.Event> thinking = events.stream().filter(e -> "thinking_delta".equals(e.event())).toList();
        SseEvents.Event signature = thinking.get(thinking.size() - 1);
        assertThat(signature.json().getString("thinking")).isEmpty();
        assertThat(signature.json().getString("signature")).startsWith("EvMCCkYICxgCKkCHP2cSuEdcJK");
        assertThat(SseEvents.thinking(events)).isNotBlank();
        assertThat(SseEvents.text(events)).startsWith("Here are the basic steps for safely crossing the street:")
                .endsWith("prioritize safety over speed when crossing streets.");
        assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
        assertValidRequest();
    }

    @Test
    void should_stream_parallel_tool_calls_assembled_from_fragments_split_at_odd_places() {
        fake.enqueue(FakeUpstream.sse(Chunks.every(AnthropicFixtures.text("tool-use-parallel-stream.sse"), 5)));
        List<SseEvents.Event> events = stream("anthropic", HELLO);
        List<SseEvents.Event> calls = events.stream().filter(e -> "tool_call".equals(e.event())).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).json().getString("arguments.password")).isEqualTo("mellon");
        assertThat(calls.get(1).json().getString("arguments.password")).isEqualTo("radiance");
        assertThat(calls.get(1).json().getString("id")).isEqualTo("toolu_01XZTimPexA7h3EVKesnKt5T");
        JsonPath done = events.get(events.size() - 1).json();
        assertThat(done.getString("finish_reason")).isEqualTo("tool_calls");
        assertThat(done.getInt("usage.output_tokens")).isEqualTo(109);
    }

    @Test
    void should_stream_length_when_max_tokens_stopped_the_answer() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(AnthropicFixtures.text("stop-max-tokens-stream.sse"), "\n\n")));
        List<SseEvents.Event> events = stream("anthropic", HELLO);
        assertThat(events.get(events.size() - 1).json().getString("finish_reason")).isEqualTo("length");
    }

    @Test
    void should_stream_the_usage_of_every_compaction_iteration_split_inside_utf8_characters() {
        // three bytes per chunk cuts the four-byte emoji of the answer
        fake.enqueue(FakeUpstream.sse(Chunks.everyBytes(AnthropicFixtures.text("cache-read-usage-stream.sse"), 3)));
        List<SseEvents.Event> events = stream("anthropic", HELLO);
        JsonPath done = events.get(events.size() - 1).json();
        // message_delta's top-level counters are the last iteration's only: the call used the sum of its iterations
        assertThat(done.getInt("usage.input_tokens")).isEqualTo(100 + 181);
        assertThat(done.getInt("usage.cache_read_input_tokens")).isEqualTo(55096);
        assertThat(done.getInt("usage.cache_creation_input_tokens")).isEqualTo(0);
        assertThat(done.getInt("usage.output_tokens")).isEqualTo(83 + 8);
        assertThat(SseEvents.text(events)).isEqualTo("Hello! 👋");
    }

    @Test
    void should_sum_compaction_iterations_that_report_no_cache_counters() {
        // the documented compaction usage: the top level is the last iteration's, each iteration without the TTL split
        fake.enqueue(FakeUpstream.json(200, """
                {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":\
                [{"type":"text","text":"Hello!"}],"stop_reason":"end_turn","stop_sequence":null,"usage":\
                {"input_tokens":181,"output_tokens":8,"cache_read_input_tokens":0,"cache_creation_input_tokens":0,\
                "iterations":[{"type":"compaction","input_tokens":100,"output_tokens":83,"cache_read_input_tokens":55096},\
                {"type":"message","input_tokens":181,"output_tokens":8}]}}"""));
        JsonPath response = generate("anthropic", HELLO);
        assertThat(response.getMap("usage")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("input_tokens", 281,
                "output_tokens", 91, "cache_read_input_tokens", 55096));
    }

    @Test
    void should_take_message_deltas_cumulative_counters_over_message_starts() {
        // Anthropic's documented web search stream: the search results are read as input after message_start
        fake.enqueue(FakeUpstream.sse(List.of("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant",\
                "model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":\
                {"input_tokens":2679,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":3}}}

                """, """
                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Sunny."}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                """, """
                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":\
                {"input_tokens":10682,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":510,\
                "server_tool_use":{"web_search_requests":1}}}

                event: message_stop
                data: {"type":"message_stop"}

                """)));
        JsonPath done = last(stream("anthropic", HELLO));
        assertThat(done.getMap("usage")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("input_tokens", 10682,
                "output_tokens", 510, "cache_read_input_tokens", 0, "cache_creation_input_tokens", 0));
    }

    @Test
    void should_end_the_stream_with_a_retryable_error_event_on_an_in_stream_overloaded_error() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(AnthropicFixtures.text("error-sse-mid-stream-overloaded.sse"), "\n\n")));
        List<SseEvents.Event> events = stream("anthropic", HELLO);
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "text_delta", "error");
        JsonPath error = events.get(2).json();
        assertThat(error.<Integer> get("error.status_code")).isNull();
        assertThat(error.getBoolean("error.retryable")).isTrue();
        assertThat(error.getString("error.provider")).isEqualTo("anthropic");
        assertThat(error.getString("error.message")).contains("Overloaded");
    }

    @Test
    void should_answer_an_http_error_when_the_in_stream_error_comes_before_any_delta() {
        fake.enqueue(FakeUpstream.sse(List.of("event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
                + "{\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n",
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n")));
        Response response = post("/v1/stream", "anthropic", HELLO);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.jsonPath().<Integer> get("error.status_code")).isNull();
        assertThat(response.jsonPath().getBoolean("error.retryable")).isTrue();
    }

    // ---- errors and timeouts

    @Test
    void should_answer_502_retryable_when_the_upstream_is_unreachable() {
        Response response = post("/v1/generate", "anthropic-down", HELLO);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("provider_unavailable");
        assertThat(response.jsonPath().getBoolean("error.retryable")).isTrue();
    }
}
