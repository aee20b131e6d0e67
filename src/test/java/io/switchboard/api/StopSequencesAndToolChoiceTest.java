package io.switchboard.api;

import static io.switchboard.testsupport.OpenApiContract.invalidRequest;
import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

/**
 * Stop sequences, tool choice, the parallel-call switch, failed tool results and {@code top_p}, sent through the
 * compatible APIs and the native one: each backend type receives them in its own field (asserted on
 * the fake upstream's recorded request, which is also checked against the backend's published spec),
 * or the request is refused with a 400 naming the field.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class StopSequencesAndToolChoiceTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEATHER_TOOL = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
    private static final String ANTHROPIC_WEATHER_TOOL = "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]";

    /**
     * A backend type: its test provider, a recorded plain answer, its published spec and the path there,
     * where stop sequences and the tool choice go in its request (JSON pointers), and what each neutral
     * tool choice becomes (null: refused with a 400 naming {@code tool_choice}).
     */
    enum Backend {
        OPENAI("openai", "openai/openai-chat-text.json", "openai", "/v1/chat/completions", "/stop", "/tool_choice",
                "\"required\"", "\"none\"", "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
        // Azure's body is OpenAI's; its path and api-version query are not in OpenAI's document, so only the
        // OPENAI case checks the body against the spec
        AZURE("azure", "azure/azure-openai-chat-text-content-filter-results.json", null, null,
                "/stop", "/tool_choice", "\"required\"", "\"none\"",
                "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
        VLLM("vllm", "openai/openai-chat-text.json", "openai", "/v1/chat/completions", "/stop", "/tool_choice",
                "\"required\"", "\"none\"", "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
        ANTHROPIC("anthropic", "anthropic/text.json", "anthropic", "/v1/messages", "/stop_sequences", "/tool_choice",
                "{\"type\":\"any\"}", "{\"type\":\"none\"}", "{\"type\":\"tool\",\"name\":\"get_weather\"}"),
        GEMINI("gemini", "gemini/text.json", "gemini", "/v1beta/models/gemini-2.5-flash:generateContent",
                "/generationConfig/stopSequences", "/toolConfig/functionCallingConfig", "{\"mode\":\"ANY\"}",
                "{\"mode\":\"NONE\"}", "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}"),
        MISTRAL("mistral", "mistral/text.json", "mistral", "/v1/chat/completions", "/stop", "/tool_choice", "\"any\"",
                "\"none\"", "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
        OLLAMA("ollama", "ollama/text.json", "ollama", "/api/chat", "/options/stop", "/tool_choice", null, null, null);

        final String provider;
        final String answer;
        final String spec;
        final String specPath;
        final String stopPointer;
        final String choicePointer;
        final String required;
        final String none;
        final String named;

        Backend(String provider, String answer, String spec, String specPath, String stopPointer, String choicePointer,
                String required, String none, String named) {
            this.provider = provider;
            this.answer = answer;
            this.spec = spec;
            this.specPath = specPath;
            this.stopPointer = stopPointer;
            this.choicePointer = choicePointer;
            this.required = required;
            this.none = none;
            this.named = named;
        }

        FakeUpstream.Reply reply() {
            return FakeUpstream.json(200, Fixtures.read(answer));
        }
    }

    private static RequestSpecification messages() {
        return jsonRequest().header("anthropic-version", "2023-06-01");
    }

    private static String chatBody(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]"
                + extra + "}";
    }

    private static String messagesBody(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Weather in Paris?\"}]" + extra + "}";
    }

    /** The request the backend received, after checking it against the backend's published spec. */
    private JsonNode sent(Backend backend) throws Exception {
        FakeUpstream.Received received = fake.lastRequest();
        if (backend.spec != null) {
            UpstreamSpec.assertValid(backend.spec, backend.specPath, received);
        }
        return JSON.readTree(received.body);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void should_send_stop_sequences_in_each_backends_own_field(Backend backend) throws Exception {
        fake.enqueue(backend.reply());
        jsonRequest().body(chatBody(backend.provider, ",\"stop\":[\"END\",\"\\n\\nUser:\"]")).post("/v1/chat/completions")
                .then().statusCode(200);
        assertThat(sent(backend).at(backend.stopPointer)).isEqualTo(JSON.readTree("[\"END\",\"\\n\\nUser:\"]"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void should_send_anthropic_stop_sequences_in_each_backends_own_field(Backend backend) throws Exception {
        fake.enqueue(backend.reply());
        messages().body(messagesBody(backend.provider, ",\"stop_sequences\":[\"END\"]")).post("/v1/messages").then()
                .statusCode(200);
        assertThat(sent(backend).at(backend.stopPointer)).isEqualTo(JSON.readTree("[\"END\"]"));
    }

    @Test
    void should_take_a_single_stop_string_and_send_no_stop_when_none_is_asked() throws Exception {
        fake.enqueue(Backend.OPENAI.reply());
        jsonRequest().body(chatBody("openai", ",\"stop\":\"END\"")).post("/v1/chat/completions").then().statusCode(200);
        assertThat(sent(Backend.OPENAI).get("stop")).isEqualTo(JSON.readTree("[\"END\"]"));
        fake.enqueue(Backend.OPENAI.reply());
        jsonRequest().body(chatBody("openai", ",\"stop\":null")).post("/v1/chat/completions").then().statusCode(200);
        assertThat(sent(Backend.OPENAI).has("stop")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void should_send_a_named_tool_choice_in_each_backends_own_form(Backend backend) throws Exception {
        String choice = ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},"
                + WEATHER_TOOL;
        if (backend.named == null) {
            jsonRequest().body(chatBody(backend.provider, choice)).post("/v1/chat/completions").then().statusCode(400)
                    .body("error.message", startsWith("tool_choice: ollama (ollama) cannot force a tool call"));
            assertThat(fake.requests()).isEmpty();
            return;
        }
        fake.enqueue(backend.reply());
        jsonRequest().body(chatBody(backend.provider, choice)).post("/v1/chat/completions").then().statusCode(200);
        assertThat(sent(backend).at(backend.choicePointer)).isEqualTo(JSON.readTree(backend.named));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void should_send_anthropic_any_as_each_backends_required_choice(Backend backend) throws Exception {
        String choice = ",\"tool_choice\":{\"type\":\"any\"}," + ANTHROPIC_WEATHER_TOOL;
        if (backend.required == null) {
            messages().body(messagesBody(backend.provider, choice)).post("/v1/messages").then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.message", startsWith("tool_choice: ollama (ollama) cannot force a tool call"));
            return;
        }
        fake.enqueue(backend.reply());
        messages().body(messagesBody(backend.provider, choice)).post("/v1/messages").then().statusCode(200);
        assertThat(sent(backend).at(backend.choicePointer)).isEqualTo(JSON.readTree(backend.required));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void should_send_tool_choice_none_in_each_backends_own_form(Backend backend) throws Exception {
        fake.enqueue(backend.reply());
        jsonRequest().body(chatBody(backend.provider, ",\"tool_choice\":\"none\"," + WEATHER_TOOL))
                .post("/v1/chat/completions").then().statusCode(200);
        JsonNode sent = sent(backend);
        if (backend.none == null) {
            // Ollama has no tool choice: "none" is honoured by offering no tools
            assertThat(sent.has("tools")).isFalse();
            assertThat(sent.has("tool_choice")).isFalse();
        } else {
            assertThat(sent.at(backend.choicePointer)).isEqualTo(JSON.readTree(backend.none));
        }
    }

    @Test
    void should_send_at_most_one_call_where_the_backend_has_the_switch() throws Exception {
        for (Backend backend : List.of(Backend.OPENAI, Backend.MISTRAL)) {
            fake.enqueue(backend.reply());
            jsonRequest().body(chatBody(backend.provider, ",\"parallel_tool_calls\":false," + WEATHER_TOOL))
                    .post("/v1/chat/completions").then().statusCode(200);
            assertThat(sent(backend).get("parallel_tool_calls").asBoolean(true)).isFalse();
        }
        fake.enqueue(Backend.ANTHROPIC.reply());
        jsonRequest().body(chatBody("anthropic", ",\"parallel_tool_calls\":false," + WEATHER_TOOL))
                .post("/v1/chat/completions").then().statusCode(200);
        assertThat(sent(Backend.ANTHROPIC).get("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
        fake.enqueue(Backend.OPENAI.reply());
        messages().body(messagesBody("openai", ",\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\","
                + "\"disable_parallel_tool_use\":true}," + ANTHROPIC_WEATHER_TOOL)).post("/v1/messages").then()
                .statusCode(200);
        JsonNode sent = sent(Backend.OPENAI);
        assertThat(sent.get("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(sent.at("/tool_choice/function/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void should_refuse_one_call_only_where_the_backend_has_no_switch() {
        for (String provider : List.of("gemini", "ollama")) {
            jsonRequest().body(chatBody(provider, ",\"parallel_tool_calls\":false," + WEATHER_TOOL))
                    .post("/v1/chat/completions").then().statusCode(400)
                    .body("error.message", startsWith("parallel_tool_calls: " + provider + " (" + provider + ")"));
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_name_the_field_of_a_stop_or_tool_choice_it_cannot_take() {
        invalidRequest().body(chatBody("openai", ",\"stop\":\"\"")).post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("stop"));
        invalidRequest().body(chatBody("openai", ",\"stop\":[\"END\",7]")).post("/v1/chat/completions").then()
                .statusCode(400).body("error.param", equalTo("stop[1]"));
        String seventeen = String.join(",", Collections.nCopies(17, "\"x\""));
        invalidRequest().body(chatBody("openai", ",\"stop\":[" + seventeen + "]")).post("/v1/chat/completions").then()
                .statusCode(400).body("error.message", equalTo("stop: at most 16 entries, got 17"));
        invalidRequest().body(chatBody("openai", ",\"tool_choice\":\"sometimes\"")).post("/v1/chat/completions").then()
                .statusCode(400).body("error.param", equalTo("tool_choice"));
        invalidRequest().body(chatBody("openai", ",\"tool_choice\":{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}"))
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("tool_choice.type"));
        jsonRequest().body(chatBody("openai", ",\"tool_choice\":\"required\"")).post("/v1/chat/completions").then()
                .statusCode(400).body("error.param", equalTo("tool_choice"))
                .body("error.message", equalTo("tool_choice: \"required\" needs tools, and the request has none"));
        jsonRequest().body(chatBody("openai", ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}},"
                + WEATHER_TOOL)).post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("tool_choice.name"));
        invalidRequest().body(messagesBody("anthropic", ",\"stop_sequences\":[\"\"]")).post("/v1/messages").then()
                .statusCode(400).body("error.message", startsWith("stop_sequences[0]: must be a non-empty string"));
        invalidRequest().body(messagesBody("anthropic", ",\"tool_choice\":{\"type\":\"tool\"}")).post("/v1/messages").then()
                .statusCode(400).body("error.message", startsWith("tool_choice.name: required"));
        invalidRequest().body(messagesBody("anthropic", ",\"tool_choice\":{\"type\":\"sometimes\"}")).post("/v1/messages")
                .then().statusCode(400).body("error.message", startsWith("tool_choice.type: unknown \"sometimes\""));
        invalidRequest().body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop_sequences\":[" + seventeen + "]}")
                .queryParam("provider", "mock").post("/v1/generate").then().statusCode(400)
                .body("error.message", equalTo("stop_sequences: at most 16 stop sequences, got 17"));
        invalidRequest().body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop_sequences\":[\"\"]}")
                .queryParam("provider", "mock").post("/v1/generate").then().statusCode(400)
                .body("error.message", startsWith("stop_sequences[0]: must be a non-empty string"));
        invalidRequest().body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tool_choice\":{\"type\":\"maybe\"}}")
                .queryParam("provider", "mock").post("/v1/generate").then().statusCode(400)
                .body("error.message", startsWith("tool_choice.type: unknown \"maybe\""));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_carry_the_native_stop_sequences_and_tool_choice_to_the_backend() throws Exception {
        fake.enqueue(Backend.GEMINI.reply());
        jsonRequest().queryParam("provider", "gemini")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop_sequences\":[\"END\"],"
                        + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"get_weather\"},\"tools\":[{\"name\":"
                        + "\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}]}")
                .post("/v1/generate").then().statusCode(200);
        JsonNode sent = sent(Backend.GEMINI);
        assertThat(sent.at("/generationConfig/stopSequences")).isEqualTo(JSON.readTree("[\"END\"]"));
        assertThat(sent.at("/toolConfig/functionCallingConfig")).isEqualTo(JSON.readTree(Backend.GEMINI.named));
    }

    /** Where {@code top_p} goes in each backend's request. */
    private static String topPPointer(Backend backend) {
        return switch (backend) {
            case GEMINI -> "/generationConfig/topP";
            case OLLAMA -> "/options/top_p";
            default -> "/top_p";
        };
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void should_send_each_doors_top_p_in_each_backends_own_field(Backend backend) throws Exception {
        String pointer = topPPointer(backend);
        fake.enqueue(backend.reply());
        jsonRequest().body(chatBody(backend.provider, "")).post("/v1/chat/completions").then().statusCode(200);
        assertThat(sent(backend).at(pointer).isMissingNode()).as("no top_p asked, none sent").isTrue();

        fake.enqueue(backend.reply());
        jsonRequest().body(chatBody(backend.provider, ",\"top_p\":0.9")).post("/v1/chat/completions").then()
                .statusCode(200);
        assertThat(sent(backend).at(pointer).asDouble()).isEqualTo(0.9);

        fake.enqueue(backend.reply());
        jsonRequest().body("{\"model\":\"" + backend.provider + "\",\"input\":\"Hi\",\"store\":false,\"top_p\":0.8}")
                .post("/v1/responses").then().statusCode(200).body("top_p", equalTo(0.8f));
        assertThat(sent(backend).at(pointer).asDouble()).isEqualTo(0.8);

        fake.enqueue(backend.reply());
        messages().body(messagesBody(backend.provider, ",\"top_p\":0.7")).post("/v1/messages").then().statusCode(200);
        assertThat(sent(backend).at(pointer).asDouble()).isEqualTo(0.7);

        fake.enqueue(backend.reply());
        jsonRequest().urlEncodingEnabled(false)
                .body("{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}],\"generationConfig\":{\"topP\":0.6}}")
                .post("/v1beta/models/" + backend.provider + ":generateContent").then().statusCode(200);
        assertThat(sent(backend).at(pointer).asDouble()).isEqualTo(0.6);

        fake.enqueue(backend.reply());
        jsonRequest().queryParam("provider", backend.provider)
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"top_p\":0.5}").post("/v1/generate")
                .then().statusCode(200);
        JsonNode nativeSent = sent(backend);
        assertThat(nativeSent.at(pointer).asDouble()).isEqualTo(0.5);
        if (backend == Backend.ANTHROPIC) {
            // the native API's default temperature gives way: Anthropic's newer models refuse both
            assertThat(nativeSent.has("temperature")).isFalse();
        }
    }

    @Test
    void should_refuse_a_top_p_out_of_range_naming_each_doors_field() {
        for (String topP : List.of("0", "1.5", "-0.1")) {
            invalidRequest().body(chatBody("openai", ",\"top_p\":" + topP)).post("/v1/chat/completions").then()
                    .statusCode(400).body("error.param", equalTo("top_p"))
                    .body("error.message", startsWith("top_p: must be greater than 0 and at most 1"));
        }
        invalidRequest().body("{\"model\":\"openai\",\"input\":\"Hi\",\"top_p\":2}").post("/v1/responses").then()
                .statusCode(400).body("error.param", equalTo("top_p"));
        invalidRequest().body(messagesBody("anthropic", ",\"top_p\":0")).post("/v1/messages").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", startsWith("top_p: must be greater than 0 and at most 1"));
        invalidRequest().urlEncodingEnabled(false)
                .body("{\"contents\":[{\"parts\":[{\"text\":\"Hi\"}]}],\"generationConfig\":{\"topP\":0}}")
                .post("/v1beta/models/gemini:generateContent").then().statusCode(400)
                .body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.message", startsWith("generationConfig.topP: must be greater than 0 and at most 1"));
        invalidRequest().queryParam("provider", "mock")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_p\":1.01}").post("/v1/generate")
                .then().statusCode(400).body("error.message", equalTo("top_p: must be greater than 0 and at most 1, got 1.01"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_refuse_what_an_anthropic_backend_refuses_of_top_p() throws Exception {
        jsonRequest().body(chatBody("anthropic", ",\"temperature\":0.5,\"top_p\":0.9")).post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", equalTo("top_p"))
                .body("error.message", startsWith("top_p: an Anthropic backend takes temperature or top_p, not both"));
        String thinking = ",\"max_tokens\":2048,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}";
        messages().body(messagesBody("anthropic", thinking + ",\"top_p\":0.9").replace("\"max_tokens\":256,", ""))
                .post("/v1/messages").then().statusCode(400)
                .body("error.message", startsWith("top_p: with extended thinking an Anthropic backend takes 0.95 to 1"));
        assertThat(fake.requests()).isEmpty();

        fake.enqueue(Backend.ANTHROPIC.reply());
        messages().body(messagesBody("anthropic", thinking + ",\"top_p\":0.95").replace("\"max_tokens\":256,", ""))
                .post("/v1/messages").then().statusCode(200);
        JsonNode sent = sent(Backend.ANTHROPIC);
        assertThat(sent.get("top_p").asDouble()).isEqualTo(0.95);
        assertThat(sent.at("/thinking/type").asText()).isEqualTo("enabled");

        // a backend that takes both gets both
        fake.enqueue(Backend.OPENAI.reply());
        jsonRequest().body(chatBody("openai", ",\"temperature\":0.5,\"top_p\":0.9")).post("/v1/chat/completions")
                .then().statusCode(200);
        sent = sent(Backend.OPENAI);
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(sent.get("top_p").asDouble()).isEqualTo(0.9);
    }

    private static final String FAILED_TOOL_TURN = ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
            + "\"input\":{\"city\":\"Paris\"}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
            + "\"tool_use_id\":\"toolu_1\",\"is_error\":true,\"content\":\"weather service down\"}]}]";

    private static String failedToolTurn(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":256," + ANTHROPIC_WEATHER_TOOL + FAILED_TOOL_TURN + "}";
    }

    @Test
    void should_mark_a_failed_tool_result_where_the_backend_has_a_mark() throws Exception {
        fake.enqueue(Backend.ANTHROPIC.reply());
        messages().body(failedToolTurn("anthropic")).post("/v1/messages").then().statusCode(200);
        JsonNode result = sent(Backend.ANTHROPIC).at("/messages/2/content/0");
        assertThat(result.get("type").asText()).isEqualTo("tool_result");
        assertThat(result.get("is_error").asBoolean()).isTrue();
        assertThat(result.get("content").asText()).isEqualTo("weather service down");

        fake.enqueue(Backend.GEMINI.reply());
        messages().body(failedToolTurn("gemini")).post("/v1/messages").then().statusCode(200);
        assertThat(sent(Backend.GEMINI).at("/contents/2/parts/0/functionResponse/response"))
                .isEqualTo(JSON.readTree("{\"error\":\"weather service down\"}"));

        // no mark in Chat Completions: the tool message carries the text unchanged
        fake.enqueue(Backend.OPENAI.reply());
        messages().body(failedToolTurn("openai")).post("/v1/messages").then().statusCode(200);
        JsonNode tool = sent(Backend.OPENAI).at("/messages/2");
        assertThat(tool.get("role").asText()).isEqualTo("tool");
        assertThat(tool.get("content").asText()).isEqualTo("weather service down");
    }

    @Test
    void should_take_a_failed_tool_result_in_the_native_contract() throws Exception {
        fake.enqueue(Backend.ANTHROPIC.reply());
        jsonRequest().queryParam("provider", "anthropic")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"tool_call\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"arguments\":{}}]},"
                        + "{\"role\":\"tool\",\"content\":[{\"type\":\"tool_result\",\"tool_call_id\":\"toolu_1\","
                        + "\"result\":\"weather service down\",\"is_error\":true}]}]}")
                .post("/v1/generate").then().statusCode(200);
        assertThat(sent(Backend.ANTHROPIC).at("/messages/2/content/0/is_error").asBoolean()).isTrue();
    }

    private static String stoppedAt(String fixture, String sequence) {
        return Fixtures.read(fixture).replace("\"stop_reason\":\"end_turn\",\"stop_sequence\":null",
                "\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"" + sequence + "\"");
    }

    @Test
    void should_report_the_stop_sequence_an_anthropic_backend_met() {
        fake.enqueue(FakeUpstream.json(200, stoppedAt("anthropic/text.json", "END")));
        messages().body(messagesBody("anthropic", ",\"stop_sequences\":[\"END\"]")).post("/v1/messages").then()
                .statusCode(200).body("stop_reason", equalTo("stop_sequence")).body("stop_sequence", equalTo("END"));

        fake.enqueue(FakeUpstream.sse(Chunks.after(stoppedAt("anthropic/text-stream.sse", "END"), "\n\n")));
        String stream = messages().body(messagesBody("anthropic", ",\"stop_sequences\":[\"END\"],\"stream\":true"))
                .post("/v1/messages").then().statusCode(200).extract().asString();
        JsonPath delta = SseEvents.parse(stream).stream().filter(e -> e.event().equals("message_delta")).findFirst()
                .orElseThrow().json();
        assertThat(delta.getString("delta.stop_reason")).isEqualTo("stop_sequence");
        assertThat(delta.getString("delta.stop_sequence")).isEqualTo("END");

        // the OpenAI dialect has one reason for both ends; the native answer keeps the sequence in metadata
        fake.enqueue(FakeUpstream.json(200, stoppedAt("anthropic/text.json", "END")));
        jsonRequest().body(chatBody("anthropic", ",\"stop\":\"END\"")).post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("stop"));
        fake.enqueue(FakeUpstream.json(200, stoppedAt("anthropic/text.json", "END")));
        jsonRequest().queryParam("provider", "anthropic")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop_sequences\":[\"END\"]}")
                .post("/v1/generate").then().statusCode(200).body("finish_reason", equalTo("stop"))
                .body("metadata.provider_finish_reason", equalTo("stop_sequence"))
                .body("metadata.stop_sequence", equalTo("END"));
    }

    @Test
    void should_end_a_plain_answer_as_end_turn_when_no_stop_sequence_was_met() {
        fake.enqueue(Backend.ANTHROPIC.reply());
        messages().body(messagesBody("anthropic", ",\"stop_sequences\":[\"END\"]")).post("/v1/messages").then()
                .statusCode(200).body("stop_reason", equalTo("end_turn")).body("stop_sequence", equalTo(null));
    }

    @Test
    void should_end_the_mocks_answer_before_the_first_stop_sequence() {
        jsonRequest().queryParam("provider", "mock")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stop_sequences\":[\"provider\",\"mock\"]}")
                .post("/v1/generate").then().statusCode(200).body("content", equalTo("Hello from the "))
                .body("finish_reason", equalTo("stop")).body("metadata.stop_sequence", equalTo("mock"));
        String stream = messages().body(messagesBody("mock", ",\"stop_sequences\":[\"mock\"],\"stream\":true"))
                .post("/v1/messages").then().statusCode(200).extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(stream);
        String text = events.stream().filter(e -> e.event().equals("content_block_delta"))
                .map(e -> e.json().getString("delta.text")).reduce("", String::concat);
        assertThat(text).isEqualTo("Hello from the ");
        JsonPath delta = events.stream().filter(e -> e.event().equals("message_delta")).findFirst().orElseThrow()
                .json();
        assertThat(delta.getString("delta.stop_reason")).isEqualTo("stop_sequence");
        assertThat(delta.getString("delta.stop_sequence")).isEqualTo("mock");
    }

    @Test
    void should_report_an_overload_after_the_stream_started_as_overloaded_error() {
        String overloaded = Fixtures.read("anthropic/error-sse-mid-stream-overloaded.sse");
        fake.enqueue(FakeUpstream.sse(Chunks.after(overloaded, "\n\n")));
        SseEvents.Event last = SseEvents.parse(messages().body(messagesBody("anthropic", ",\"stream\":true"))
                .post("/v1/messages").then().statusCode(200).extract().asString()).getLast();
        assertThat(last.event()).isEqualTo("error");
        assertThat(last.json().getString("error.type")).isEqualTo("overloaded_error");

        // any other server error after the start stays an api_error
        fake.enqueue(FakeUpstream.sse(Chunks.after(overloaded.replace("overloaded_error", "api_error"), "\n\n")));
        last = SseEvents.parse(messages().body(messagesBody("anthropic", ",\"stream\":true")).post("/v1/messages")
                .then().statusCode(200).extract().asString()).getLast();
        assertThat(last.json().getString("error.type")).isEqualTo("api_error");
    }
}
