package io.switchboard.api.anthropic;

import static io.switchboard.testsupport.OpenApiContract.invalidRequest;
import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.switchboard.api.DialectCalls;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.Prometheus;
import io.switchboard.testsupport.RequestSchemaCheck;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

/**
 * {@code /v1/messages} on the wire, every answer validated against {@code openapi.yaml}: the exact
 * event sequence, pings, the error event, field-naming 400s; and {@code /v1/messages/count_tokens}: what reaches
 * each kind of backend's counting endpoint, the estimate for the others, the same 400s.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MessagesTest extends FakeUpstreamTest {

    private static String ask(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":512,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Weather in Paris?\"}]" + extra + "}";
    }

    /** The events of a stream, each checked against the contract and its event name against its type. */
    private static List<SseEvents.Event> events(String body) {
        List<SseEvents.Event> events = SseEvents.parse(body);
        for (SseEvents.Event event : events) {
            OpenApiContract.assertValid("AnthropicStreamEvent", event.data());
            assertThat(event.type()).isEqualTo(event.event());
        }
        return events;
    }

    private static String stream(String model) {
        return jsonRequest().body(ask(model, ",\"stream\":true")).post("/v1/messages").then().statusCode(200)
                .contentType("text/event-stream").extract().asString();
    }

    @Test
    void should_answer_a_message_with_thinking_text_and_tool_uses_in_order() {
        JsonPath answer = jsonRequest().body(ask("mock-tools", "")).post("/v1/messages").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getList("content.type")).containsExactly("thinking", "text", "tool_use", "tool_use");
        assertThat(answer.getString("content[0].thinking")).isEqualTo("The user wants the weather in Paris.");
        assertThat(answer.getString("content[0].signature")).isEmpty();
        assertThat(answer.getString("content[2].input.city")).isEqualTo("Paris");
        assertThat(answer.getString("stop_reason")).isEqualTo("tool_use");
        assertThat(answer.getString("id")).startsWith("msg_");
    }

    @Test
    void should_stream_the_exact_event_sequence() {
        List<SseEvents.Event> events = events(stream("mock-tools"));
        List<String> types = events.stream().map(SseEvents.Event::event).filter(e -> !e.equals("ping")).toList();
        assertThat(types.getFirst()).isEqualTo("message_start");
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("message_delta", "message_stop");
        // every block: start, deltas, stop, with indexes 0, 1, 2, ...
        int expected = 0;
        String open = null;
        for (SseEvents.Event event : events) {
            JsonPath data = event.json();
            switch (event.event()) {
                case "content_block_start" -> {
                    assertThat(open).isNull();
                    assertThat(data.getInt("index")).isEqualTo(expected);
                    open = data.getString("content_block.type");
                }
                case "content_block_delta" -> assertThat(data.getInt("index")).isEqualTo(expected);
                case "content_block_stop" -> {
                    assertThat(data.getInt("index")).isEqualTo(expected++);
                    open = null;
                }
                default -> {
                }
            }
        }
        assertThat(open).isNull();
        assertThat(expected).isEqualTo(4);
        List<String> deltas = events.stream().filter(e -> e.event().equals("content_block_delta"))
                .map(e -> e.json().getString("delta.type")).distinct().toList();
        assertThat(deltas).containsExactly("thinking_delta", "text_delta", "input_json_delta");
        JsonPath end = events.stream().filter(e -> e.event().equals("message_delta")).findFirst().orElseThrow()
                .json();
        assertThat(end.getString("delta.stop_reason")).isEqualTo("tool_use");
    }

    @Test
    void should_ping_during_silence() {
        List<SseEvents.Event> events = events(stream("slow"));
        assertThat(events).anyMatch(e -> e.event().equals("ping"));
        assertThat(events.getLast().event()).isEqualTo("message_stop");
    }

    @Test
    void should_end_a_stream_failing_after_its_start_with_an_error_event() {
        List<SseEvents.Event> events = events(stream("mock-midstream"));
        assertThat(events.getFirst().event()).isEqualTo("message_start");
        SseEvents.Event last = events.getLast();
        assertThat(last.event()).isEqualTo("error");
        assertThat(last.json().getString("error.type")).isEqualTo("overloaded_error");
        assertThat(events).noneMatch(e -> e.event().equals("message_stop"));
    }

    @Test
    void should_answer_a_failure_before_the_start_as_an_http_error() {
        jsonRequest().body(ask("mock-429", ",\"stream\":true")).post("/v1/messages").then().statusCode(429)
                .contentType("application/json").body("type", equalTo("error"))
                .body("error.type", equalTo("rate_limit_error"));
    }

    @Test
    void should_name_the_field_it_cannot_honour() {
        invalidRequest().body("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/messages").then().statusCode(400).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", startsWith("max_tokens: required"));
        jsonRequest().body(ask("mock", ",\"top_k\":5")).post("/v1/messages").then().statusCode(400)
                .body("error.message", startsWith("top_k: not supported"));
        jsonRequest().body(ask("mock", ",\"tool_choice\":{\"type\":\"any\"}")).post("/v1/messages").then()
                .statusCode(400).body("error.message", startsWith("tool_choice: \"required\" needs tools"));
        jsonRequest().body("{\"model\":\"mock\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"document\"}]}]}").post("/v1/messages").then().statusCode(400)
                .body("error.message", startsWith("messages[0].content[0].type: unsupported content block"));
        assertThat(fake.requests()).isEmpty();
    }

    // A typed client built from the contract can set every field the door reads; the fields not in the schema are
    // the ones the door refuses.
    @Test
    void should_declare_in_its_schema_every_field_the_door_reads() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode minimal = (ObjectNode) json.readTree(
                "{\"model\":\"mock\",\"max_tokens\":2048,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        RequestSchemaCheck.Recorder body = new RequestSchemaCheck.Recorder(minimal);
        new MessagesRequestReader(new MessagesAnswers(json)).read(body, "r1");

        assertThat(body.read()).contains("model", "max_tokens", "messages", "temperature", "thinking", "tools");
        assertThat(RequestSchemaCheck.mismatches("MessagesRequest", "/v1/messages", minimal, body.read(),
                answer -> answer.jsonPath().getString("error.message").split(":")[0])).isEmpty();
    }

    @Test
    void should_answer_404_for_an_unknown_model() {
        jsonRequest().body(ask("claude-opus-4", "")).post("/v1/messages").then().statusCode(404)
                .body("error.type", equalTo("not_found_error"));
        // the body is checked whole before its model is looked up
        invalidRequest().body(ask("claude-opus-4", ",\"stream\":\"yes\"")).post("/v1/messages").then().statusCode(400)
                .body("error.message", startsWith("stream: "));
    }

    /** A count request: a system prompt, one question and one tool, with {@code extra} fields. */
    private static String countRequest(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"system\":\"You are terse.\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Weather in Paris?\"}],\"tools\":[{\"name\":\"get_weather\",\"input_schema\":"
                + "{\"type\":\"object\"}}]" + extra + "}";
    }

    private static ValidatableResponse count(String body) {
        return jsonRequest().body(body).post("/v1/messages/count_tokens").then().statusCode(200);
    }

    @Test
    void should_count_tokens_on_an_anthropic_backend_passing_anthropic_beta_on() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/synthetic-count-tokens.json")));
        jsonRequest().header("anthropic-beta", "token-efficient-tools-2025-02-19,a-beta-nobody-knows-2099-01-01")
                .body(countRequest("anthropic", ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}"))
                .post("/v1/messages/count_tokens").then().statusCode(200)
                .header(DialectCalls.TOKEN_COUNT_HEADER, "exact").body("input_tokens", equalTo(2095));

        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo("/v1/messages/count_tokens");
        assertThat(sent.header("anthropic-beta"))
                .isEqualTo("token-efficient-tools-2025-02-19,a-beta-nobody-knows-2099-01-01");
        assertThat(sent.header("x-api-key")).isEqualTo("test-key");
        assertThat(sent.header("anthropic-version")).isNotBlank();
        JsonPath body = new JsonPath(sent.body);
        assertThat(body.getString("model")).isEqualTo("claude-sonnet-4-5");
        assertThat(body.getString("messages[0].content[0].text")).isEqualTo("Weather in Paris?");
        assertThat(body.getString("tools[0].name")).isEqualTo("get_weather");
        assertThat(body.getInt("thinking.budget_tokens")).isEqualTo(2048);
        // the count endpoint refuses what only a call takes
        assertThat(body.getMap("")).doesNotContainKeys("max_tokens", "temperature", "stream", "stop_sequences");
        UpstreamSpec.assertValid("anthropic", "/v1/messages/count_tokens", sent);
        // counted as a count, not as a chat
        assertThat(Prometheus.series("switchboard_requests_total")).anyMatch(line -> line.contains(
                "endpoint=\"count_tokens\"") && line.contains("provider=\"anthropic\""));
        assertThat(Prometheus.series("gen_ai_client_operation_duration_seconds_count")).anyMatch(line -> line
                .contains("gen_ai_operation_name=\"count_tokens\""));
    }

    @Test
    void should_count_tokens_on_a_gemini_backend_with_its_count_tokens() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/synthetic-count-tokens.json")));
        count(countRequest("gemini", "")).header(DialectCalls.TOKEN_COUNT_HEADER, "exact")
                .body("input_tokens", equalTo(31));

        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
        assertThat(sent.header("x-goog-api-key")).isEqualTo("test-key");
        JsonPath body = new JsonPath(sent.body);
        // the whole generateContent request, so that the system instruction and the tools are counted
        assertThat(body.getString("generateContentRequest.model")).isEqualTo("models/gemini-2.5-flash");
        assertThat(body.getString("generateContentRequest.contents[0].parts[0].text")).isEqualTo("Weather in Paris?");
        assertThat(body.getString("generateContentRequest.systemInstruction.parts[0].text")).isEqualTo("You are terse.");
        assertThat(body.getString("generateContentRequest.tools[0].functionDeclarations[0].name"))
                .isEqualTo("get_weather");
        UpstreamSpec.assertValid("gemini", "/v1beta/models/gemini-2.5-flash:countTokens", sent);
    }

    @Test
    void should_count_tokens_on_a_vllm_backend_with_its_tokenizer() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("vllm/synthetic-tokenize-chat.json")));
        count(countRequest("vllm/Qwen/Qwen3-32B", "")).header(DialectCalls.TOKEN_COUNT_HEADER, "exact")
                .body("input_tokens", equalTo(27));

        FakeUpstream.Received sent = fake.lastRequest();
        // vLLM serves its tokenizer at the server's root, outside the /v1 of the base URL
        assertThat(sent.path).isEqualTo("/tokenize");
        JsonPath body = new JsonPath(sent.body);
        assertThat(body.getString("model")).isEqualTo("Qwen/Qwen3-32B");
        assertThat(body.getList("messages.role")).containsExactly("system", "user");
        assertThat(body.getString("tools[0].function.name")).isEqualTo("get_weather");
        assertThat(body.getBoolean("chat_template_kwargs.enable_thinking")).isFalse();
        assertThat(body.getMap("")).doesNotContainKeys("stream", "max_tokens");
    }

    // "You are terse." and "Weather in Paris?" are 31 characters, get_weather and {"type":"object"} 28: 59
    // characters, 15 tokens, and 4 for the message
    @ParameterizedTest
    @ValueSource(strings = { "mock", "openai", "ollama", "mistral", "azure" })
    void should_estimate_tokens_for_a_backend_that_cannot_count(String model) {
        count(countRequest(model, "")).header(DialectCalls.TOKEN_COUNT_HEADER, "estimate")
                .body("input_tokens", equalTo(19));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_count_a_route_on_its_first_target_with_the_route_defaults() {
        // route assistant: mock-429 then echo, with the system prompt "You are helpful." (16 characters) when the
        // request has none: 16 + 17 characters, 9 tokens, and 4 for the message
        count("{\"model\":\"assistant\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}")
                .header(DialectCalls.TOKEN_COUNT_HEADER, "estimate").body("input_tokens", equalTo(13));
    }

    @Test
    void should_refuse_a_bad_count_request_naming_the_field_in_anthropics_shape() {
        invalidRequest().body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/messages/count_tokens").then().statusCode(400).body("type", equalTo("error"))
                .body("error.type", equalTo("invalid_request_error")).body("error.message", startsWith("model: "));
        invalidRequest().body("{\"model\":\"anthropic\",\"messages\":[]}").post("/v1/messages/count_tokens").then()
                .statusCode(400).body("error.message", startsWith("messages: required"));
        invalidRequest().body(countRequest("anthropic", ",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":10}"))
                .post("/v1/messages/count_tokens").then().statusCode(400)
                .body("error.message", startsWith("thinking.budget_tokens: must be at least 1024"));
        jsonRequest().body(countRequest("anthropic", ",\"top_k\":5")).post("/v1/messages/count_tokens").then()
                .statusCode(400).body("error.message", startsWith("top_k: not supported"));
        jsonRequest().body(countRequest("claude-opus-4", "")).post("/v1/messages/count_tokens").then().statusCode(404)
                .body("type", equalTo("error")).body("error.type", equalTo("not_found_error"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_answer_an_upstream_count_failure_in_anthropics_shape() {
        fake.enqueue(FakeUpstream.json(429, FixtureFiles.text("anthropic/error-429-rate-limit.json")));
        jsonRequest().body(countRequest("anthropic", "")).post("/v1/messages/count_tokens").then().statusCode(429)
                .body("type", equalTo("error")).body("error.type", equalTo("rate_limit_error"));
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void should_declare_in_its_count_schema_every_field_the_count_reads() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode minimal = (ObjectNode) json.readTree(
                "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        RequestSchemaCheck.Recorder body = new RequestSchemaCheck.Recorder(minimal);
        new MessagesRequestReader(new MessagesAnswers(json)).readCount(body, "r1");

        assertThat(body.read()).contains("model", "messages", "system", "thinking", "tools", "tool_choice");
        assertThat(RequestSchemaCheck.mismatches("MessagesCountTokensRequest", "/v1/messages/count_tokens", minimal,
                body.read(), answer -> answer.jsonPath().getString("error.message").split(":")[0])).isEmpty();
    }

    @Test
    void should_answer_the_documented_count_example_with_the_documented_estimate() throws Exception {
        Operation operation = OpenApiContract.document().getPaths().get("/v1/messages/count_tokens").getPost();
        Object request = operation.getRequestBody().getContent().get("application/json").getExamples().get("tools")
                .getValue();
        Object answer = operation.getResponses().get("200").getContent().get("application/json").getExamples()
                .get("estimate").getValue();
        ObjectMapper json = new ObjectMapper();
        count(json.writeValueAsString(request)).header(DialectCalls.TOKEN_COUNT_HEADER, "estimate")
                .body("input_tokens", equalTo(json.valueToTree(answer).get("input_tokens").asInt()));
    }

    @Test
    void should_document_a_stream_example_made_of_valid_events() {
        MediaType stream = OpenApiContract.document().getPaths().get("/v1/messages").getPost().getResponses()
                .get("200").getContent().get("text/event-stream");
        String example = stream.getExamples().values().iterator().next().getValue().toString();
        assertThat(events(example).getLast().event()).isEqualTo("message_stop");
    }
}
