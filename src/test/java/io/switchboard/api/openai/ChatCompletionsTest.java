package io.switchboard.api.openai;

import static io.restassured.RestAssured.given;
import static io.switchboard.testsupport.OpenApiContract.invalidRequest;
import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.swagger.v3.oas.models.media.MediaType;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.RequestSchemaCheck;
import io.switchboard.testsupport.SseEvents;

/**
 * {@code /v1/chat/completions} and {@code /v1/models} on the wire, every answer validated against
 * {@code openapi.yaml}: the exact chunk sequence, the error frame, field-naming 400s.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ChatCompletionsTest extends FakeUpstreamTest {

    private static String ask(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]"
                + extra + "}";
    }

    /** The {@code data:} payloads of a stream, each chunk checked against the contract. */
    private static List<String> chunks(String body) {
        List<String> data = SseEvents.parse(body).stream().map(SseEvents.Event::data).toList();
        for (String payload : data.subList(0, data.size() - 1)) {
            if (!payload.startsWith("{\"error\"")) {
                OpenApiContract.assertValid("ChatCompletionChunk", payload);
            }
        }
        return data;
    }

    @Test
    void should_answer_a_completion_with_reasoning_tool_calls_and_finish_reason() {
        JsonPath answer = jsonRequest().body(ask("mock-tools", "")).post("/v1/chat/completions").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getString("object")).isEqualTo("chat.completion");
        assertThat(answer.getString("model")).isEqualTo("mock-tools");
        assertThat(answer.getString("choices[0].message.content")).isEqualTo("Let me check the weather.");
        assertThat(answer.getString("choices[0].message.reasoning_content"))
                .isEqualTo("The user wants the weather in Paris.");
        assertThat(answer.getString("choices[0].finish_reason")).isEqualTo("tool_calls");
        assertThat(answer.getString("choices[0].message.tool_calls[0].id")).isEqualTo("call_1");
        assertThat(answer.getString("choices[0].message.tool_calls[0].function.arguments"))
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(answer.getString("choices[0].message.tool_calls[1].function.name")).isEqualTo("get_time");
        assertThat(answer.getString("id")).startsWith("chatcmpl-");
    }

    @Test
    void should_stream_chunks_then_usage_then_done() {
        String body = jsonRequest().body(ask("mock-tools", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .post("/v1/chat/completions").then().statusCode(200).contentType("text/event-stream").extract()
                .asString();
        List<String> data = chunks(body);
        assertThat(data.getLast()).isEqualTo("[DONE]");
        JsonPath first = JsonPath.from(data.getFirst());
        assertThat(first.getString("choices[0].delta.role")).isEqualTo("assistant");
        JsonPath usage = JsonPath.from(data.get(data.size() - 2));
        assertThat(usage.getList("choices")).isEmpty();
        JsonPath last = JsonPath.from(data.get(data.size() - 3));
        assertThat(last.getString("choices[0].finish_reason")).isEqualTo("tool_calls");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<String> calls = new java.util.ArrayList<>();
        for (String payload : data.subList(0, data.size() - 2)) {
            JsonPath chunk = JsonPath.from(payload);
            text.append(chunk.getString("choices[0].delta.content") == null ? ""
                    : chunk.getString("choices[0].delta.content"));
            reasoning.append(chunk.getString("choices[0].delta.reasoning_content") == null ? ""
                    : chunk.getString("choices[0].delta.reasoning_content"));
            if (chunk.getString("choices[0].delta.tool_calls[0].id") != null) {
                calls.add(chunk.getInt("choices[0].delta.tool_calls[0].index") + ":"
                        + chunk.getString("choices[0].delta.tool_calls[0].function.name"));
            }
        }
        assertThat(text.toString()).isEqualTo("Let me check the weather.");
        assertThat(reasoning.toString()).isEqualTo("The user wants the weather in Paris.");
        assertThat(calls).containsExactly("0:get_weather", "1:get_time");
    }

    @Test
    void should_leave_out_the_usage_chunk_unless_asked() {
        String body = jsonRequest().body(ask("mock", ",\"stream\":true")).post("/v1/chat/completions").then()
                .statusCode(200).extract().asString();
        List<String> data = chunks(body);
        assertThat(data.getLast()).isEqualTo("[DONE]");
        assertThat(JsonPath.from(data.get(data.size() - 2)).getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(data).noneMatch(payload -> payload.contains("\"usage\""));
    }

    @Test
    void should_stream_the_chunks_of_a_whole_completion_when_the_backend_does_not_stream() {
        // some OpenAI-compatible servers (and proxies in front of them) ignore "stream": true
        fake.enqueue(FakeUpstream.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"It is sunny in Paris.\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,\"total_tokens\":15}}"));
        String body = jsonRequest().body(ask("openai", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .post("/v1/chat/completions").then().statusCode(200).contentType("text/event-stream").extract()
                .asString();
        List<String> data = chunks(body);
        assertThat(data.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String payload : data.subList(0, data.size() - 2)) {
            String content = JsonPath.from(payload).getString("choices[0].delta.content");
            text.append(content == null ? "" : content);
        }
        assertThat(text.toString()).isEqualTo("It is sunny in Paris.");
        assertThat(JsonPath.from(data.get(data.size() - 3)).getString("choices[0].finish_reason")).isEqualTo("stop");
        JsonPath usage = JsonPath.from(data.get(data.size() - 2));
        assertThat(usage.getInt("usage.prompt_tokens")).isEqualTo(9);
        assertThat(usage.getInt("usage.completion_tokens")).isEqualTo(6);
        assertThat(JsonPath.from(fake.lastRequest().body).getBoolean("stream")).isTrue();
    }

    @Test
    void should_end_a_stream_that_fails_after_its_first_chunk_with_an_error_frame() {
        String body = jsonRequest().body(ask("mock-midstream", ",\"stream\":true")).post("/v1/chat/completions").then()
                .statusCode(200).extract().asString();
        List<String> data = chunks(body);
        assertThat(data.size()).isGreaterThan(1);
        assertThat(data).doesNotContain("[DONE]");
        OpenApiContract.assertValid("OpenAiErrorEnvelope", data.getLast());
        JsonPath error = JsonPath.from(data.getLast());
        assertThat(error.getString("error.type")).isEqualTo("server_error");
        assertThat(error.getBoolean("error.retryable")).isTrue();
    }

    @Test
    void should_send_keep_alive_comments_during_silence() {
        String body = jsonRequest().body(ask("slow", ",\"stream\":true")).post("/v1/chat/completions").then()
                .statusCode(200).extract().asString();
        assertThat(body).contains(": keep-alive\n\n");
        assertThat(chunks(body).getLast()).isEqualTo("[DONE]");
    }

    @Test
    void should_answer_a_failure_before_the_first_chunk_as_an_http_error() {
        jsonRequest().body(ask("mock-429", ",\"stream\":true")).post("/v1/chat/completions").then().statusCode(429)
                .contentType("application/json").body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("rate_limit_exceeded"));
    }

    @Test
    void should_name_the_field_it_cannot_honour() {
        invalidRequest()
                .body(ask("mock", ",\"n\":3")).post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo("n"));
        invalidRequest().body(ask("mock", ",\"response_format\":{\"type\":\"json_schema\"}")).post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", equalTo("response_format.json_schema"));
        jsonRequest().body("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}")
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("messages[0].content[0].type"));
        invalidRequest().body("{\"messages\":[]}")
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("model"));
        invalidRequest().body("not json")
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", nullValue());
    }

    @Test
    void should_answer_404_model_not_found_for_an_unknown_model_and_provider() {
        jsonRequest().body(ask("gpt-5", "")).post("/v1/chat/completions").then().statusCode(404)
                .body("error.code", equalTo("model_not_found")).body("error.param", equalTo("model"));
        jsonRequest().body(ask("nowhere/gpt-5", "")).post("/v1/chat/completions").then().statusCode(404);
        jsonRequest().body(ask("assistant/gpt-5", "")).post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("model"));
        // the body is checked whole before its model is looked up
        invalidRequest().body(ask("gpt-5", ",\"stream\":\"yes\"")).post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("stream"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_route_through_a_route_by_its_name() {
        // the route's first target is rate limited, so the gateway falls back to the next one
        JsonPath answer = jsonRequest().body(ask("assistant", "")).post("/v1/chat/completions").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getString("choices[0].message.content")).isNotBlank();
        assertThat(answer.getString("model")).isEqualTo("assistant");
    }

    // A typed client built from the contract can set every field the door reads; the fields not in the schema are
    // the ones the door refuses.
    @Test
    void should_declare_in_its_schema_every_field_the_door_reads() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode minimal = (ObjectNode) json.readTree(
                "{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        RequestSchemaCheck.Recorder body = new RequestSchemaCheck.Recorder(minimal);
        new ChatRequestReader(json, new ChatAnswers(json)).read(body, "r1");

        assertThat(body.read()).contains("model", "messages", "temperature", "tools", "n", "top_p", "seed");
        assertThat(RequestSchemaCheck.mismatches("ChatCompletionRequest", "/v1/chat/completions", minimal,
                body.read(), answer -> answer.jsonPath().getString("error.param"))).isEmpty();
    }

    @Test
    void should_list_models() {
        JsonPath list = given().filter(OpenApiContract.filter()).get("/v1/models").then().statusCode(200).extract()
                .jsonPath();
        assertThat(list.getString("object")).isEqualTo("list");
        assertThat(list.getList("data.id", String.class)).contains("mock", "openai", "assistant");
        assertThat(list.getString("data.find { it.id == 'assistant' }.owned_by")).isEqualTo("route");
        assertThat(list.getString("data.find { it.id == 'anthropic' }.owned_by")).isEqualTo("anthropic");
    }

    @Test
    void should_document_a_stream_example_made_of_valid_chunks() {
        MediaType stream = OpenApiContract.document().getPaths().get("/v1/chat/completions").getPost()
                .getResponses().get("200").getContent().get("text/event-stream");
        String example = stream.getExamples().values().iterator().next().getValue().toString();
        assertThat(chunks(example).getLast()).isEqualTo("[DONE]");
    }
}
