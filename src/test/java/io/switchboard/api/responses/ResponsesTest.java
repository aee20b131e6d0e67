package io.switchboard.api.responses;

import static io.restassured.RestAssured.given;
import static io.switchboard.testsupport.OpenApiContract.invalidRequest;
import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.swagger.v3.oas.models.media.MediaType;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseClient;
import io.switchboard.testsupport.SseEvents;

/**
 * {@code /v1/responses} on the wire, every answer validated against {@code openapi.yaml}: the Responses object,
 * the event grammar (order, numbering, one terminal event), the failure events, what reaches the backend, and
 * the field-naming 400s.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ResponsesTest extends FakeUpstreamTest {

    @TestHTTPResource("/")
    URI root;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete",
            "response.failed");

    private static String ask(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"input\":\"Weather in Paris?\"" + extra + "}";
    }

    private static String streamed(String model, String extra) {
        return jsonRequest().body(ask(model, ",\"stream\":true" + extra)).post("/v1/responses").then()
                .statusCode(200).contentType("text/event-stream").extract().asString();
    }

    /**
     * The events of a stream, checked against the grammar: each valid against the contract, its {@code event:}
     * its {@code type}, numbered 0, 1, 2, …; {@code response.created} and {@code response.in_progress} first;
     * one item open at a time, each event inside it naming it, its {@code .done} texts the sum of its deltas;
     * exactly one terminal event, the last, whose output is the items closed before it.
     */
    static List<JsonNode> events(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (SseEvents.Event event : SseEvents.parse(body)) {
            OpenApiContract.assertValid("ResponseStreamEvent", event.data());
            JsonNode data = read(event.data());
            assertThat(data.get("type").asText()).isEqualTo(event.event());
            assertThat(data.get("sequence_number").asInt()).as("sequence number of %s", event.data())
                    .isEqualTo(events.size());
            events.add(data);
        }
        assertThat(types(events).subList(0, 2)).containsExactly("response.created", "response.in_progress");
        assertThat(types(events).stream().filter(TERMINAL::contains)).hasSize(1);
        assertThat(TERMINAL).contains(types(events).getLast());
        List<JsonNode> done = new ArrayList<>();
        JsonNode open = null;
        StringBuilder deltas = new StringBuilder();
        for (JsonNode event : events.subList(2, events.size() - 1)) {
            String type = event.get("type").asText();
            if (type.equals("error")) {
                continue;
            }
            if (type.equals("response.output_item.added")) {
                assertThat(open).as("an item opened while another is open").isNull();
                open = event.get("item");
                deltas.setLength(0);
                assertThat(event.get("output_index").asInt()).isEqualTo(done.size());
                continue;
            }
            assertThat(open).as("%s outside an item", type).isNotNull();
            assertThat(event.get("output_index").asInt()).isEqualTo(done.size());
            if (type.equals("response.output_item.done")) {
                assertThat(event.at("/item/id")).isEqualTo(open.get("id"));
                done.add(event.get("item"));
                open = null;
                continue;
            }
            assertThat(event.get("item_id")).isEqualTo(open.get("id"));
            if (type.endsWith(".delta")) {
                deltas.append(event.get("delta").asText());
            } else if (type.endsWith("text.done")) {
                assertThat(event.get("text").asText()).isEqualTo(deltas.toString());
            } else if (type.equals("response.function_call_arguments.done")) {
                assertThat(event.get("arguments").asText()).isEqualTo(deltas.toString());
            }
        }
        if (!types(events).getLast().equals("response.failed")) {
            assertThat(open).as("an item left open").isNull();
        }
        assertThat(events.getLast().at("/response/output")).containsExactlyElementsOf(done);
        return events;
    }

    static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.get("type").asText()).toList();
    }

    /** The types, with each run of deltas as one. */
    private static List<String> shape(List<JsonNode> events) {
        List<String> shape = new ArrayList<>();
        for (String type : types(events)) {
            if (!(type.endsWith(".delta") && !shape.isEmpty() && shape.getLast().equals(type))) {
                shape.add(type);
            }
        }
        return shape;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void should_answer_reasoning_a_message_and_function_calls_as_output_items() {
        JsonPath answer = jsonRequest().body("{\"model\":\"mock-tools\",\"input\":\"Weather in Paris?\","
                + "\"instructions\":\"Be terse.\",\"store\":false,\"metadata\":{\"ticket\":\"42\"},"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"},"
                + "\"strict\":true}]}")
                .post("/v1/responses").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("object")).isEqualTo("response");
        assertThat(answer.getString("id")).startsWith("resp_");
        assertThat(answer.getString("status")).isEqualTo("completed");
        assertThat(answer.getString("model")).isEqualTo("mock-tools");
        assertThat(answer.getList("output.type")).containsExactly("reasoning", "message", "function_call",
                "function_call");
        assertThat(answer.getString("output[0].summary[0].text")).isEqualTo("The user wants the weather in Paris.");
        assertThat(answer.getString("output[0].id")).startsWith("rs_");
        assertThat(answer.getString("output[1].id")).startsWith("msg_");
        assertThat(answer.getString("output[1].content[0].text")).isEqualTo("Let me check the weather.");
        assertThat(answer.getString("output[2].id")).startsWith("fc_");
        assertThat(answer.getString("output[2].call_id")).isEqualTo("call_1");
        assertThat(answer.getString("output[2].arguments")).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(answer.getString("output[3].name")).isEqualTo("get_time");
        assertThat(answer.getString("output[3].call_id")).isNotBlank();
        assertThat(answer.getInt("usage.total_tokens")).isEqualTo(answer.getInt("usage.input_tokens")
                + answer.getInt("usage.output_tokens"));
        assertThat(answer.getString("instructions")).isEqualTo("Be terse.");
        assertThat(answer.getBoolean("store")).isFalse();
        assertThat(answer.getString("metadata.ticket")).isEqualTo("42");
        assertThat(answer.getString("tools[0].name")).isEqualTo("get_weather");
        assertThat(answer.getString("tool_choice")).isEqualTo("auto");
        assertThat(answer.getString("temperature")).isNull();
    }

    @Test
    void should_stream_reasoning_text_and_function_calls_in_the_responses_event_grammar() {
        List<JsonNode> events = events(streamed("mock-tools", ""));
        assertThat(shape(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        JsonNode response = events.getLast().get("response");
        assertThat(response.get("status").asText()).isEqualTo("completed");
        assertThat(response.at("/output/1/content/0/text").asText()).isEqualTo("Let me check the weather.");
        assertThat(response.at("/output/2/arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(response.at("/usage/total_tokens").asInt()).isPositive();
        assertThat(events.getFirst().at("/response/status").asText()).isEqualTo("in_progress");
    }

    @Test
    void should_end_an_answer_cut_by_max_output_tokens_as_incomplete() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/stop-max-tokens.json")));
        JsonPath answer = jsonRequest().body(ask("anthropic", ",\"max_output_tokens\":50")).post("/v1/responses")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("status")).isEqualTo("incomplete");
        assertThat(answer.getString("incomplete_details.reason")).isEqualTo("max_output_tokens");
        assertThat(answer.getString("output[0].status")).isEqualTo("incomplete");
        assertThat(answer.getInt("max_output_tokens")).isEqualTo(50);
        assertThat(JSON.readTree(fake.lastRequest().body).get("max_tokens").asInt()).isEqualTo(50);

        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("anthropic/stop-max-tokens-stream.sse"),
                "\n\n")));
        List<JsonNode> events = events(streamed("anthropic", ",\"max_output_tokens\":50"));
        assertThat(types(events).getLast()).isEqualTo("response.incomplete");
        assertThat(events.getLast().at("/response/incomplete_details/reason").asText())
                .isEqualTo("max_output_tokens");
        assertThat(events.getLast().at("/response/output/0/status").asText()).isEqualTo("incomplete");
    }

    @Test
    void should_end_a_stream_failing_after_its_start_with_an_error_event_then_response_failed() {
        List<JsonNode> events = events(streamed("mock-midstream", ""));
        assertThat(types(events).subList(events.size() - 2, events.size())).containsExactly("error",
                "response.failed");
        JsonNode error = events.get(events.size() - 2);
        assertThat(error.get("code").asText()).isEqualTo("provider_error");
        assertThat(error.get("retryable").asBoolean()).isTrue();
        JsonNode failed = events.getLast().get("response");
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/error/code").asText()).isEqualTo("server_error");
        assertThat(failed.at("/error/message").asText()).contains("Overloaded");
    }

    @Test
    void should_answer_a_failure_before_the_first_event_as_an_http_error() {
        jsonRequest().body(ask("mock-429", ",\"stream\":true")).post("/v1/responses").then().statusCode(429)
                .contentType("application/json").body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("rate_limit_exceeded"));
    }

    @Test
    void should_send_every_input_item_to_the_backend_as_one_conversation() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        String pixel = "data:image/png;base64,iVBORw0KGgo=";
        jsonRequest().body("""
                {"model": "openai-tuned", "instructions": "Be terse.",
                 "input": [
                   {"role": "developer", "content": "Answer in French."},
                   {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Weather?"},
                       {"type": "input_image", "image_url": "%s", "detail": "auto"}]},
                   {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "Use the tool."}],
                    "encrypted_content": "opaque"},
                   {"type": "message", "role": "assistant", "id": "msg_1", "status": "completed",
                    "content": [{"type": "output_text", "text": "Checking.", "annotations": []}]},
                   {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
                    "arguments": "{\\"city\\":\\"Paris\\"}"},
                   {"type": "function_call_output", "call_id": "call_1", "output": "Sunny"},
                   {"role": "user", "content": "Thanks"}],
                 "tools": [{"type": "function", "name": "get_weather", "parameters": {"type": "object"}}],
                 "tool_choice": {"type": "function", "name": "get_weather"}, "parallel_tool_calls": false,
                 "max_output_tokens": 64, "store": true, "include": ["reasoning.encrypted_content"]}
                """.formatted(pixel)).post("/v1/responses").then().statusCode(200);
        JsonNode sent = JSON.readTree(fake.lastRequest().body);
        JsonNode messages = sent.get("messages");
        assertThat(messages.get(0).get("role").asText()).isIn("system", "developer");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Be terse.\n\nAnswer in French.");
        assertThat(messages.get(1).at("/content/1/image_url/url").asText()).isEqualTo(pixel);
        JsonNode assistant = messages.get(2);
        assertThat(assistant.get("content").asText()).isEqualTo("Checking.");
        assertThat(assistant.get("reasoning_content").asText()).isEqualTo("Use the tool.");
        assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
        assertThat(JSON.readTree(assistant.at("/tool_calls/0/function/arguments").asText()).get("city").asText())
                .isEqualTo("Paris");
        assertThat(messages.get(3).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).get("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.get(3).get("content").asText()).isEqualTo("Sunny");
        assertThat(messages.get(4).get("content").asText()).isEqualTo("Thanks");
        assertThat(messages).hasSize(5);
        assertThat(sent.at("/tool_choice/function/name").asText()).isEqualTo("get_weather");
        assertThat(sent.get("parallel_tool_calls").asBoolean()).isFalse();
        // unset here and on the provider: the backend's own default applies
        assertThat(sent.has("temperature")).isFalse();
    }

    @Test
    void should_name_the_field_it_cannot_honour() {
        String user = "[{\"role\":\"user\",\"content\":";
        assertRefused(ask("mock", ",\"tools\":[{\"type\":\"function\",\"name\":\"f\"},{\"type\":\"web_search\"}]"),
                "tools[1].type", "only \"function\" tools");
        assertRefused(ask("mock", ",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\"}}"),
                "text.format.schema", "required");
        assertRefused(ask("mock", ",\"text\":{\"format\":{\"type\":\"yaml\"}}"), "text.format.type", "unknown");
        assertRefused(ask("mock", ",\"previous_response_id\":42"), "previous_response_id", "string");
        assertRefused(ask("mock", ",\"conversation\":\"conv_1\""), "conversation", "not supported yet");
        assertRefused(ask("mock", ",\"background\":true"), "background", "not supported yet");
        assertRefused(ask("mock", ",\"tool_choice\":{\"type\":\"web_search_preview\"}"), "tool_choice.type",
                "only \"function\"");
        assertRefused(ask("mock", ",\"tool_choice\":\"any\""), "tool_choice", "unknown \"any\"");
        assertRefused(ask("mock", ",\"top_p\":0"), "top_p", "must be greater than 0 and at most 1");
        assertRefused(ask("mock", ",\"max_output_tokens\":0"), "max_output_tokens", "at least 1");
        assertRefused(ask("mock", ",\"temperature\":3"), "temperature", "between 0 and 2");
        assertRefused("{\"model\":\"mock\",\"input\":" + user + "\"hi\"},{\"type\":\"item_reference\",\"id\":\"m\"}]}",
                "input[1].type", "item references are not supported");
        assertRefused("{\"model\":\"mock\",\"input\":[{\"type\":\"web_search_call\",\"id\":\"ws\"}]}",
                "input[0].type", "unsupported item type");
        assertRefused("{\"model\":\"mock\",\"input\":" + user + "[{\"type\":\"input_file\",\"file_id\":\"f\"}]}]}",
                "input[0].content[0].type", "input_file");
        assertRefused("{\"model\":\"mock\",\"input\":" + user
                + "[{\"type\":\"input_image\",\"image_url\":\"ftp://x/y.png\"}]}]}",
                "input[0].content[0].image_url", "https:");
        assertRefused("{\"model\":\"mock\",\"input\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "input[0].role",
                "unsupported role");
        assertRefused("{\"model\":\"mock\",\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]}",
                "input[0].call_id", "required");
        assertRefused("{\"model\":\"mock\"}", "input", "required");
        assertRefused("{\"model\":\"mock\",\"input\":[]}", "input", "non-empty");
        assertRefused("{\"input\":\"hi\"}", "model", "required");
        assertRefused(ask("mock", ",\"stream\":\"yes\""), "stream", "boolean");
        assertThat(fake.requests()).isEmpty();
    }

    private static void assertRefused(String body, String param, String message) {
        invalidRequest().body(body).post("/v1/responses").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(param))
                .body("error.message", containsString(message));
    }

    @Test
    void should_answer_404_not_found_for_an_unknown_model_and_for_a_response_never_stored() {
        jsonRequest().body(ask("gpt-5", "")).post("/v1/responses").then().statusCode(404)
                .body("error.code", equalTo("model_not_found")).body("error.param", equalTo("model"));
        jsonRequest().get("/v1/responses/resp_123").then().statusCode(404)
                .body("error.type", equalTo("invalid_request_error")).body("error.code", equalTo("not_found"))
                .body("error.message", containsString("no stored response \"resp_123\""));
        jsonRequest().delete("/v1/responses/resp_123").then().statusCode(404)
                .body("error.type", equalTo("invalid_request_error")).body("error.code", equalTo("not_found"));
        jsonRequest().body(ask("mock", ",\"previous_response_id\":\"resp_123\"")).post("/v1/responses").then()
                .statusCode(404).body("error.code", equalTo("not_found"))
                .body("error.param", equalTo("previous_response_id"));
        jsonRequest().body(ask("mock", ",\"previous_response_id\":\"resp_123\",\"stream\":true"))
                .post("/v1/responses").then().statusCode(404).contentType("application/json")
                .body("error.code", equalTo("not_found"));
        assertThat(fake.requests()).isEmpty();
    }

    private static JsonPath create(String body) {
        return jsonRequest().body(body).post("/v1/responses").then().statusCode(200).extract().jsonPath();
    }

    private static JsonNode retrieve(String id) {
        return read(jsonRequest().get("/v1/responses/" + id).then().statusCode(200).contentType("application/json")
                .extract().asString());
    }

    @Test
    void should_store_a_response_by_default_and_return_it_by_id() {
        String body = jsonRequest().body(ask("mock-tools", ",\"instructions\":\"Be terse.\"")).post("/v1/responses")
                .then().statusCode(200).extract().asString();
        JsonNode answer = read(body);
        assertThat(answer.get("store").asBoolean()).isTrue();
        assertThat(retrieve(answer.get("id").asText())).isEqualTo(answer);
    }

    @Test
    void should_store_a_stream_once_it_completes_and_return_its_final_response() {
        List<JsonNode> events = events(streamed("mock-tools", ""));
        JsonNode completed = events.getLast().get("response");
        assertThat(retrieve(completed.get("id").asText())).isEqualTo(completed);
    }

    @Test
    void should_store_nothing_when_the_client_hangs_up_mid_stream() throws Exception {
        String read = SseClient.readFirstEventThenHangUp(root.resolve("/v1/responses"),
                "{\"model\":\"slow\",\"input\":\"Count\",\"stream\":true}");
        String id = read.replaceAll("(?s).*?\"id\":\"(resp_[^\"]+)\".*", "$1");
        assertThat(id).startsWith("resp_");
        // the slow stream would run for ~3 s and then be stored; a cancelled one ends at once, unstored
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> given().get("/q/metrics").asString()
                .lines().anyMatch(line -> line.equals("switchboard_streams_active 0.0")));
        jsonRequest().get("/v1/responses/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
    }

    @Test
    void should_keep_nothing_with_store_false() {
        String id = create(ask("mock", ",\"store\":false")).getString("id");
        jsonRequest().get("/v1/responses/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        String streamedId = events(streamed("mock", ",\"store\":false")).getLast().at("/response/id").asText();
        jsonRequest().get("/v1/responses/" + streamedId).then().statusCode(404);
    }

    private static JsonNode inputItems(String id, String query) {
        return read(jsonRequest().get("/v1/responses/" + id + "/input_items" + query).then().statusCode(200)
                .contentType("application/json").extract().asString());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void should_list_a_stored_responses_input_items_with_ids_that_last_along_the_conversation() {
        JsonPath first = create("{\"model\":\"mock\",\"input\":\"What is 4200 + 42?\"}");
        JsonNode firstItems = inputItems(first.getString("id"), "");
        assertThat(firstItems.get("object").asText()).isEqualTo("list");
        assertThat(firstItems.get("has_more").asBoolean()).isFalse();
        JsonNode question = firstItems.at("/data/0");
        assertThat(firstItems.get("data")).hasSize(1);
        assertThat(question.get("id").asText()).startsWith("msg_");
        assertThat(question.get("type").asText()).isEqualTo("message");
        assertThat(question.get("role").asText()).isEqualTo("user");
        assertThat(question.get("status").asText()).isEqualTo("completed");
        assertThat(question.get("content")).isEqualTo(read("[{\"type\":\"input_text\",\"text\":\"What is 4200 + 42?\"}]"));
        assertThat(firstItems.get("first_id")).isEqualTo(question.get("id"));
        assertThat(firstItems.get("last_id")).isEqualTo(question.get("id"));

        String second = create("{\"model\":\"mock\",\"previous_response_id\":\"" + first.getString("id")
                + "\",\"input\":[{\"role\":\"user\",\"content\":\"And twice that?\"}]}").getString("id");
        JsonNode oldestFirst = inputItems(second, "?order=asc");
        // the continued conversation comes first, each item under the id it had there
        assertThat(ids(oldestFirst)).hasSize(3).startsWith(question.get("id").asText(), first.getString("output[0].id"));
        assertThat(oldestFirst.at("/data/1/role").asText()).isEqualTo("assistant");
        assertThat(oldestFirst.at("/data/2/content/0/text").asText()).isEqualTo("And twice that?");
        assertThat(ids(inputItems(second, ""))).isEqualTo(ids(oldestFirst).reversed());
        assertThat(ids(inputItems(second, "?order=asc"))).isEqualTo(ids(oldestFirst));

        JsonNode page = inputItems(second, "?order=asc&limit=2");
        assertThat(ids(page)).isEqualTo(ids(oldestFirst).subList(0, 2));
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode next = inputItems(second, "?order=asc&limit=2&after=" + page.get("last_id").asText());
        assertThat(ids(next)).isEqualTo(ids(oldestFirst).subList(2, 3));
        assertThat(next.get("has_more").asBoolean()).isFalse();
        // include is accepted and changes nothing (sent past the validator, which cannot read an array query value)
        invalidRequest().get("/v1/responses/" + second + "/input_items?order=asc&include=message.input_image.image_url")
                .then().statusCode(200).body("data.id", equalTo(ids(oldestFirst)));
        JsonNode empty = inputItems(second, "?after=" + question.get("id").asText());
        assertThat(empty.get("data")).isEmpty();
        assertThat(empty.get("first_id").isNull()).isTrue();
    }

    @Test
    void should_refuse_an_input_items_query_it_cannot_answer_naming_the_parameter() {
        String id = create(ask("mock", "")).getString("id");
        for (String query : List.of("limit=0", "limit=101", "limit=many", "order=sideways", "after=msg_nowhere")) {
            String param = query.substring(0, query.indexOf('='));
            invalidRequest().get("/v1/responses/" + id + "/input_items?" + query).then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(param));
        }
        jsonRequest().get("/v1/responses/resp_123/input_items").then().statusCode(404)
                .body("error.code", equalTo("not_found"));
    }

    @Test
    void should_delete_a_stored_response() {
        String id = create(ask("mock", "")).getString("id");
        jsonRequest().delete("/v1/responses/" + id).then().statusCode(200).contentType("application/json")
                .body("id", equalTo(id)).body("object", equalTo("response")).body("deleted", equalTo(true));
        jsonRequest().get("/v1/responses/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        jsonRequest().delete("/v1/responses/" + id).then().statusCode(404);
        jsonRequest().body(ask("mock", ",\"previous_response_id\":\"" + id + "\"")).post("/v1/responses").then()
                .statusCode(404).body("error.param", equalTo("previous_response_id"));
    }

    @Test
    void should_continue_a_stored_response_with_its_whole_conversation_but_not_its_instructions() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-tool-call.json")));
        JsonPath first = create("""
                {"model": "openai", "instructions": "Be terse.",
                 "input": [{"role": "developer", "content": "Answer in French."},
                           {"role": "user", "content": "Where am I?"}],
                 "tools": [{"type": "function", "name": "get_user_country", "parameters": {"type": "object"}}]}
                """);
        String callId = first.getString("output.find { it.type == 'function_call' }.call_id");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        JsonPath second = create("""
                {"model": "openai", "previous_response_id": "%s",
                 "input": [{"type": "function_call_output", "call_id": "%s", "output": "France"}]}
                """.formatted(first.getString("id"), callId));
        assertThat(second.getString("previous_response_id")).isEqualTo(first.getString("id"));
        assertThat(second.getString("instructions")).isNull();
        JsonNode messages = JSON.readTree(fake.lastRequest().body).get("messages");
        // the developer message was an input item, so it stays; the instructions do not
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Answer in French.");
        assertThat(messages.get(1).get("content").asText()).isEqualTo("Where am I?");
        assertThat(messages.get(2).at("/tool_calls/0/id").asText()).isEqualTo(callId);
        assertThat(messages.get(3).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).get("content").asText()).isEqualTo("France");
        assertThat(messages).hasSize(4);

        // a chain: the third turn sees the first two, read from the second response alone
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("openai/openai-chat-text-stream-include-usage.sse"),
                "\n\n")));
        String third = streamedBody("{\"model\": \"openai\", \"previous_response_id\": \""
                + second.getString("id") + "\", \"input\": \"Merci\", \"stream\": true}");
        assertThat(types(events(third)).getLast()).isEqualTo("response.completed");
        JsonNode chained = JSON.readTree(fake.lastRequest().body).get("messages");
        assertThat(chained).hasSize(6);
        assertThat(chained.get(4).get("role").asText()).isEqualTo("assistant");
        assertThat(chained.get(4).get("content").asText()).isEqualTo(second.getString("output[0].content[0].text"));
        assertThat(retrieve(events(third).getLast().at("/response/id").asText()).get("previous_response_id").asText())
                .isEqualTo(second.getString("id"));
        assertThat(chained.get(5).get("content").asText()).isEqualTo("Merci");
    }

    private static String streamedBody(String body) {
        return jsonRequest().body(body).post("/v1/responses").then().statusCode(200)
                .contentType("text/event-stream").extract().asString();
    }

    @Test
    void should_refuse_a_conversation_to_store_over_the_limit_naming_it() {
        // one byte over the 1 MiB limit once stored as an item, in a body under the tests' 1 MiB body limit
        String item = "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"\"}]";
        String large = "x".repeat(1024 * 1024 - item.length() + 1);
        invalidRequest().body(ask("mock", "").replace("Weather in Paris?", large)).post("/v1/responses").then()
                .statusCode(400).body("error.param", equalTo("input"))
                .body("error.message", containsString("switchboard.responses.max-stored-bytes"));
        // not stored, it may be as large as a request may be
        create(ask("mock", ",\"store\":false").replace("Weather in Paris?", large));

        String id = create(ask("mock", "").replace("Weather in Paris?", "x".repeat(600 * 1000))).getString("id");
        invalidRequest().body(ask("mock", ",\"previous_response_id\":\"" + id + "\"").replace("Weather in Paris?",
                "y".repeat(500 * 1000))).post("/v1/responses").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo("previous_response_id"))
                .body("error.message", containsString("over the limit of 1048576 bytes"));
        create(ask("mock", ",\"store\":false,\"previous_response_id\":\"" + id + "\"").replace("Weather in Paris?",
                "y".repeat(500 * 1000)));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_document_a_stream_example_that_keeps_the_grammar() {
        MediaType stream = OpenApiContract.document().getPaths().get("/v1/responses").getPost().getResponses()
                .get("200").getContent().get("text/event-stream");
        String example = stream.getExamples().values().iterator().next().getValue().toString();
        assertThat(types(events(example)).getLast()).isEqualTo("response.completed");
    }
}
