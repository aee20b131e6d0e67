package io.switchboard.api;

import static io.switchboard.testsupport.OpenApiContract.invalidRequest;
import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

/**
 * Structured output ({@code response_format}) through every door and to every backend: each backend type receives
 * the format in its own field (asserted on the fake upstream's recorded request, which is also checked against the
 * backend's published spec), an Anthropic backend answers through a forced tool the caller never sees, a strict
 * schema is checked by the gateway ({@code metadata.schema_valid}), and a format that cannot be honoured is a 400
 * naming the field.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ResponseFormatTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"temperature_c\":{\"type\":\"number\"}},\"required\":[\"city\",\"temperature_c\"],"
            + "\"additionalProperties\":false}";
    private static final String WEATHER_FORMAT = "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"weather\","
            + "\"schema\":" + SCHEMA + ",\"strict\":true}}";
    private static final String ANSWER = "{\"city\":\"Paris\",\"temperature_c\":22}";

    /** A backend type: its provider, a recorded plain answer, its published spec, and where the format goes. */
    enum Backend {
        OPENAI("openai", "openai/openai-chat-text.json", "openai", "/v1/chat/completions", "/response_format",
                WEATHER_FORMAT),
        AZURE("azure", "azure/azure-openai-chat-text-content-filter-results.json", null, null, "/response_format",
                WEATHER_FORMAT),
        VLLM("vllm", "openai/openai-chat-text.json", "openai", "/v1/chat/completions", "/response_format",
                WEATHER_FORMAT),
        MISTRAL("mistral", "mistral/text.json", "mistral", "/v1/chat/completions", "/response_format", WEATHER_FORMAT),
        OLLAMA("ollama", "ollama/text.json", "ollama", "/api/chat", "/format", SCHEMA),
        GEMINI("gemini", "gemini/text.json", "gemini", "/v1beta/models/gemini-2.5-flash:generateContent",
                "/generationConfig/responseJsonSchema", SCHEMA);

        final String provider;
        final String answer;
        final String spec;
        final String specPath;
        final String pointer;
        final String expected;

        Backend(String provider, String answer, String spec, String specPath, String pointer, String expected) {
            this.provider = provider;
            this.answer = answer;
            this.spec = spec;
            this.specPath = specPath;
            this.pointer = pointer;
            this.expected = expected;
        }

        FakeUpstream.Reply reply() {
            return FakeUpstream.json(200, Fixtures.read(answer));
        }
    }

    /** The Gemini door's requests: its paths hold a colon that must not be percent-encoded. */
    private static io.restassured.specification.RequestSpecification gemini(boolean valid) {
        return (valid ? jsonRequest() : invalidRequest()).urlEncodingEnabled(false);
    }

    private static String nativeBody(String format) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],\"response_format\":" + format
                + "}";
    }

    /** The request the backend received, after checking it against the backend's published spec. */
    private JsonNode sent(String spec, String specPath) throws Exception {
        FakeUpstream.Received received = fake.lastRequest();
        if (spec != null) {
            UpstreamSpec.assertValid(spec, specPath, received);
        }
        return JSON.readTree(received.body);
    }

    /** An OpenAI chat completion whose answer is {@code content}. */
    private static FakeUpstream.Reply openAiAnswer(String content) throws Exception {
        return FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")
                .replace("\"\\\\(4200 + 42 = 4242\\\\).\"", JSON.writeValueAsString(content)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void should_send_a_json_schema_format_in_each_backends_own_field(Backend backend) throws Exception {
        fake.enqueue(backend.reply());
        jsonRequest().body(nativeBody(WEATHER_FORMAT)).post("/v1/generate?provider=" + backend.provider).then()
                .statusCode(200);
        JsonNode sent = sent(backend.spec, backend.specPath);
        assertThat(sent.at(backend.pointer)).isEqualTo(JSON.readTree(backend.expected));
        if (backend == Backend.GEMINI) {
            assertThat(sent.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
        }
    }

    @Test
    void should_send_json_mode_as_each_backend_names_it() throws Exception {
        String jsonObject = "{\"type\":\"json_object\"}";
        fake.enqueue(Backend.OPENAI.reply());
        jsonRequest().body(nativeBody(jsonObject)).post("/v1/generate?provider=openai").then().statusCode(200);
        assertThat(sent("openai", "/v1/chat/completions").get("response_format")).isEqualTo(JSON.readTree(jsonObject));
        fake.enqueue(Backend.OLLAMA.reply());
        jsonRequest().body(nativeBody(jsonObject)).post("/v1/generate?provider=ollama").then().statusCode(200);
        assertThat(sent("ollama", "/api/chat").get("format").asText()).isEqualTo("json");
        fake.enqueue(Backend.GEMINI.reply());
        jsonRequest().body(nativeBody(jsonObject)).post("/v1/generate?provider=gemini").then().statusCode(200);
        JsonNode gemini = sent(Backend.GEMINI.spec, Backend.GEMINI.specPath).get("generationConfig");
        assertThat(gemini.get("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(gemini.has("responseJsonSchema")).isFalse();
    }

    @Test
    void should_send_no_format_for_plain_text() throws Exception {
        fake.enqueue(Backend.OPENAI.reply());
        jsonRequest().body(nativeBody("{\"type\":\"text\"}")).post("/v1/generate?provider=openai").then()
                .statusCode(200).body("metadata.schema_valid", nullValue());
        assertThat(sent("openai", "/v1/chat/completions").has("response_format")).isFalse();
    }

    /** The real recording of a strict structured-output request: the gateway sends what the OpenAI SDK sent. */
    @Test
    void should_send_the_recorded_openai_format_and_report_a_refusal_as_not_schema_valid() throws Exception {
        String recorded = "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"FentanylHandbook\",\"schema\":"
                + "{\"properties\":{\"instructions\":{\"title\":\"Instructions\",\"type\":\"string\"}},\"required\":"
                + "[\"instructions\"],\"title\":\"FentanylHandbook\",\"type\":\"object\",\"additionalProperties\":false},"
                + "\"strict\":true}}";
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-refusal-structured-output.json")));
        jsonRequest().body(nativeBody(recorded)).post("/v1/generate?provider=openai").then().statusCode(200)
                .body("finish_reason", equalTo("content_filter"))
                .body("metadata.schema_valid", equalTo(false));
        assertThat(sent("openai", "/v1/chat/completions").get("response_format")).isEqualTo(JSON.readTree(recorded));
    }

    @Test
    void should_report_a_strict_answer_that_follows_the_schema_as_valid_and_one_that_does_not_as_invalid()
            throws Exception {
        fake.enqueue(openAiAnswer(ANSWER));
        jsonRequest().body(nativeBody(WEATHER_FORMAT)).post("/v1/generate?provider=openai").then().statusCode(200)
                .body("content", equalTo(ANSWER)).body("metadata.schema_valid", equalTo(true));
        fake.enqueue(openAiAnswer("{\"city\":\"Paris\"}"));
        jsonRequest().body(nativeBody(WEATHER_FORMAT)).post("/v1/generate?provider=openai").then().statusCode(200)
                .body("metadata.schema_valid", equalTo(false));
        fake.enqueue(openAiAnswer(ANSWER));
        jsonRequest().body(nativeBody(WEATHER_FORMAT.replace("\"strict\":true", "\"strict\":false")))
                .post("/v1/generate?provider=openai").then().statusCode(200)
                .body("metadata.schema_valid", nullValue());
    }

    @Test
    void should_say_whether_a_streamed_strict_answer_is_valid_on_its_done_event() {
        fake.enqueue(FakeUpstream.sse(Fixtures.streamed(ANSWER, 7)));
        List<SseEvents.Event> events = SseEvents.parse(jsonRequest().body(nativeBody(WEATHER_FORMAT))
                .post("/v1/stream?provider=openai").then().statusCode(200).extract().asString());
        assertThat(SseEvents.text(events)).isEqualTo(ANSWER);
        assertThat(events.get(events.size() - 1).json().getBoolean("metadata.schema_valid")).isTrue();
        fake.enqueue(FakeUpstream.sse(Fixtures.streamed("{\"city\":7}", 4)));
        events = SseEvents.parse(jsonRequest().body(nativeBody(WEATHER_FORMAT)).post("/v1/stream?provider=openai")
                .then().statusCode(200).extract().asString());
        assertThat(events.get(events.size() - 1).json().getBoolean("metadata.schema_valid")).isFalse();
    }

    @Test
    void should_answer_json_from_the_mock_so_structured_output_can_be_tried_without_a_backend() throws Exception {
        String answer = jsonRequest().body(nativeBody(WEATHER_FORMAT)).post("/v1/generate?provider=mock").then()
                .statusCode(200).body("metadata.schema_valid", equalTo(true)).extract().path("content");
        assertThat(JSON.readTree(answer)).isEqualTo(JSON.readTree("{\"city\":\"\",\"temperature_c\":0}"));
        List<SseEvents.Event> events = SseEvents.parse(jsonRequest().body(nativeBody("{\"type\":\"json_object\"}"))
                .post("/v1/stream?provider=mock").then().statusCode(200).extract().asString());
        assertThat(SseEvents.text(events)).isEqualTo("{}");
    }

    // ---- Anthropic: a forced tool whose input is the answer ----

    /** A Messages answer that called the format tool, in the documented shape of a tool_use answer. */
    private static final String ANTHROPIC_TOOL_ANSWER = "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":"
            + "\"weather\",\"input\":" + ANSWER + "}],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":20,\"output_tokens\":12}}";

    /** The same answer streamed, in the frames of the recorded tool_use streams (fixtures/anthropic). */
    private static final List<String> ANTHROPIC_TOOL_STREAM = List.of(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-5\","
                    + "\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"stop_reason\":null,"
                    + "\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"weather\",\"input\":{}}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Paris\\\",\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"temperature_c\\\":22}\"}}\n\n",
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

    @Test
    void should_answer_through_a_forced_tool_on_anthropic_and_hide_the_tool() throws Exception {
        fake.enqueue(FakeUpstream.json(200, ANTHROPIC_TOOL_ANSWER));
        jsonRequest().body(nativeBody(WEATHER_FORMAT)).post("/v1/generate?provider=anthropic").then().statusCode(200)
                .body("content", equalTo(ANSWER)).body("tool_calls.size()", equalTo(0))
                .body("finish_reason", equalTo("stop")).body("metadata.schema_valid", equalTo(true));
        JsonNode sent = sent("anthropic", "/v1/messages");
        // the format tool is the last tool, where the provider's automatic cache breakpoint goes
        assertThat(sent.get("tools")).isEqualTo(JSON.readTree("[{\"name\":\"weather\",\"input_schema\":" + SCHEMA
                + ",\"cache_control\":{\"type\":\"ephemeral\"}}]"));
        assertThat(sent.get("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"weather\"}"));
    }

    @Test
    void should_send_anthropics_output_format_with_its_beta_where_the_provider_asks_for_it() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json")
                .replaceFirst("\"text\":\"[^\"]*\"",
                        Matcher.quoteReplacement("\"text\":" + JSON.writeValueAsString(ANSWER)))));
        jsonRequest().body(nativeBody(WEATHER_FORMAT)).post("/v1/generate?provider=anthropic-output-format").then()
                .statusCode(200).body("content", equalTo(ANSWER)).body("metadata.schema_valid", equalTo(true));
        FakeUpstream.Received received = fake.lastRequest();
        JsonNode sent = JSON.readTree(received.body);
        assertThat(sent.get("output_format"))
                .isEqualTo(JSON.readTree("{\"type\":\"json_schema\",\"schema\":" + SCHEMA + "}"));
        assertThat(sent.has("tools")).as("no format tool").isFalse();
        assertThat(sent.has("tool_choice")).isFalse();
        assertThat(received.headers.get("anthropic-beta")).isEqualTo("structured-outputs-2025-11-13");

        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json")));
        jsonRequest().body(nativeBody("{\"type\":\"text\"}")).post("/v1/generate?provider=anthropic-output-format").then()
                .statusCode(200);
        assertThat(JSON.readTree(fake.lastRequest().body).has("output_format")).isFalse();
        assertThat(fake.lastRequest().headers.get("anthropic-beta")).as("no beta without a format").isNull();
    }

    @Test
    void should_stream_the_anthropic_format_tools_input_as_text() {
        fake.enqueue(FakeUpstream.sse(ANTHROPIC_TOOL_STREAM));
        List<SseEvents.Event> events = SseEvents.parse(jsonRequest().body(nativeBody(WEATHER_FORMAT))
                .post("/v1/stream?provider=anthropic").then().statusCode(200).extract().asString());
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "text_delta", "done");
        assertThat(SseEvents.text(events)).isEqualTo(ANSWER);
        JsonPath done = events.get(2).json();
        assertThat(done.getString("finish_reason")).isEqualTo("stop");
        assertThat(done.getBoolean("metadata.schema_valid")).isTrue();
    }

    @Test
    void should_refuse_on_anthropic_a_format_whose_name_is_a_tools_or_whose_root_is_not_an_object() {
        String tools = ",\"tools\":[{\"name\":\"weather\",\"parameters\":{\"type\":\"object\"}}]";
        invalidRequest().body(nativeBody(WEATHER_FORMAT).replace("?\"}]", "?\"}]" + tools))
                .post("/v1/generate?provider=anthropic").then().statusCode(400)
                .body("error.message", startsWith("response_format.json_schema.name:"));
        invalidRequest().body(nativeBody("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"list\",\"schema\":"
                + "{\"type\":\"array\"}}}")).post("/v1/generate?provider=anthropic").then().statusCode(400)
                .body("error.message", startsWith("response_format.json_schema.schema.type:"));
    }

    // ---- Gemini: the schema in the subset Gemini takes ----

    @Test
    void should_inline_refs_for_gemini_and_name_the_removed_keywords_in_a_header() throws Exception {
        String schema = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
                + "\"properties\":{\"place\":{\"$ref\":\"#/$defs/place\"}},\"required\":[\"place\"],"
                + "\"$defs\":{\"place\":{\"type\":\"string\",\"pattern\":\"^[A-Z]\"}}}";
        fake.enqueue(Backend.GEMINI.reply());
        Response response = jsonRequest().body(nativeBody("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\","
                + "\"schema\":" + schema + "}}")).post("/v1/generate?provider=gemini");
        response.then().statusCode(200).header("X-Switchboard-Schema-Dropped", equalTo("$schema, pattern"));
        assertThat(sent(Backend.GEMINI.spec, Backend.GEMINI.specPath).at("/generationConfig/responseJsonSchema"))
                .isEqualTo(JSON.readTree("{\"type\":\"object\",\"properties\":{\"place\":{\"type\":\"string\"}},"
                        + "\"required\":[\"place\"]}"));
    }

    @Test
    void should_refuse_for_gemini_a_keyword_whose_removal_would_change_the_answer() {
        invalidRequest().body(nativeBody("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"p\",\"schema\":"
                + "{\"type\":\"object\",\"properties\":{\"a\":{\"not\":{\"type\":\"string\"}}}}}}"))
                .post("/v1/generate?provider=gemini").then().statusCode(400)
                .body("error.message", startsWith("response_format.json_schema.schema.properties.a.not:"));
        assertThat(fake.requests()).isEmpty();
    }

    // ---- each door's spelling ----

    @Test
    void should_read_the_chat_completions_response_format() throws Exception {
        fake.enqueue(openAiAnswer(ANSWER));
        jsonRequest().body("{\"model\":\"openai\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],"
                + "\"response_format\":" + WEATHER_FORMAT + "}").post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", equalTo(ANSWER));
        assertThat(sent("openai", "/v1/chat/completions").get("response_format"))
                .isEqualTo(JSON.readTree(WEATHER_FORMAT));
    }

    @Test
    void should_read_the_anthropic_output_format() throws Exception {
        fake.enqueue(openAiAnswer(ANSWER));
        jsonRequest().header("anthropic-version", "2023-06-01").body("{\"model\":\"openai\",\"max_tokens\":256,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"output_format\":{\"type\":\"json_schema\","
                + "\"schema\":" + SCHEMA + "}}").post("/v1/messages").then().statusCode(200)
                .body("content[0].text", equalTo(ANSWER));
        assertThat(sent("openai", "/v1/chat/completions").get("response_format")).isEqualTo(JSON.readTree(
                "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\",\"schema\":" + SCHEMA + "}}"));
    }

    @Test
    void should_read_and_echo_the_responses_text_format() throws Exception {
        fake.enqueue(openAiAnswer(ANSWER));
        jsonRequest().body("{\"model\":\"openai\",\"input\":\"Weather?\",\"store\":false,\"text\":{\"format\":"
                + "{\"type\":\"json_schema\",\"name\":\"weather\",\"schema\":" + SCHEMA + ",\"strict\":true}}}")
                .post("/v1/responses").then().statusCode(200)
                .body("text.format.type", equalTo("json_schema")).body("text.format.name", equalTo("weather"))
                .body("text.format.strict", equalTo(true)).body("output[0].content[0].text", equalTo(ANSWER));
        assertThat(sent("openai", "/v1/chat/completions").get("response_format"))
                .isEqualTo(JSON.readTree(WEATHER_FORMAT));
    }

    @Test
    void should_read_the_gemini_response_schema_as_json_schema() throws Exception {
        fake.enqueue(openAiAnswer(ANSWER));
        gemini(true).body("{\"contents\":[{\"parts\":[{\"text\":\"Weather?\"}]}],\"generationConfig\":"
                + "{\"responseMimeType\":\"application/json\",\"responseSchema\":{\"type\":\"OBJECT\",\"properties\":"
                + "{\"city\":{\"type\":\"STRING\",\"nullable\":true}},\"required\":[\"city\"]}}}")
                .post("/v1beta/models/openai:generateContent").then().statusCode(200);
        assertThat(sent("openai", "/v1/chat/completions").get("response_format")).isEqualTo(JSON.readTree(
                "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\",\"schema\":{\"type\":\"object\","
                        + "\"properties\":{\"city\":{\"type\":[\"string\",\"null\"]}},\"required\":[\"city\"]}}}"));
        fake.enqueue(openAiAnswer(ANSWER));
        gemini(true).body("{\"contents\":[{\"parts\":[{\"text\":\"Weather?\"}]}],\"generationConfig\":"
                + "{\"responseMimeType\":\"application/json\"}}").post("/v1beta/models/openai:generateContent").then()
                .statusCode(200);
        assertThat(sent("openai", "/v1/chat/completions").get("response_format"))
                .isEqualTo(JSON.readTree("{\"type\":\"json_object\"}"));
    }

    // ---- 400s naming the field ----

    @Test
    void should_refuse_a_malformed_native_format_naming_the_field() {
        invalidRequest().body(nativeBody("{\"type\":\"yaml\"}")).post("/v1/generate?provider=mock").then()
                .statusCode(400).body("error.message", startsWith("response_format.type:"));
        invalidRequest().body(nativeBody("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\"}}"))
                .post("/v1/generate?provider=mock").then().statusCode(400)
                .body("error.message", startsWith("response_format.json_schema.schema:"));
        invalidRequest().body(nativeBody("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a b\",\"schema\":{}}}"))
                .post("/v1/generate?provider=mock").then().statusCode(400)
                .body("error.message", startsWith("response_format.json_schema.name:"));
        invalidRequest().body(nativeBody("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\",\"schema\":"
                + "{\"type\":7},\"strict\":true}}")).post("/v1/generate?provider=mock").then().statusCode(400)
                .body("error.message", startsWith("response_format.json_schema.schema:"));
    }

    @Test
    void should_refuse_a_malformed_format_on_each_door_naming_its_own_field() {
        invalidRequest().body("{\"model\":\"mock\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"response_format\":{\"type\":\"json_schema\"}}").post("/v1/chat/completions").then()
                .statusCode(400).body("error.param", equalTo("response_format.json_schema"));
        invalidRequest().body("{\"model\":\"mock\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\","
                + "\"name\":\"w\"}}}").post("/v1/responses").then().statusCode(400)
                .body("error.param", equalTo("text.format.schema"));
        invalidRequest().header("anthropic-version", "2023-06-01").body("{\"model\":\"mock\",\"max_tokens\":9,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"output_format\":{\"type\":\"json_object\"}}")
                .post("/v1/messages").then().statusCode(400).body("error.message", startsWith("output_format.type:"));
        gemini(false).body("{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"responseSchema\":"
                + "{\"type\":\"OBJECT\"}}}").post("/v1beta/models/mock:generateContent").then().statusCode(400)
                .body("error.message", startsWith("generationConfig.responseMimeType:"));
    }
}
