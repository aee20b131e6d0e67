package io.switchboard.api.gemini;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.OpenApiContract;

/**
 * The Gemini API on the wire ({@code /v1beta/models/{model}:…}), every exchange validated against
 * {@code openapi.yaml}: whole and streamed answers (Server-Sent Events and the JSON array) over a Gemini backend
 * replaying recorded bodies and over others, the function-call round trip with its thought signature, Google's
 * error shape, and {@code countTokens}.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class GenerateContentTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"What is 4200 + 42?\"}]}]}";
    static final String SIGNATURE = "CtICAdHtim9BiyFrJTR8wDY7/ya4zvN0E7f/NCDBmJdBIPp4X8GlhEBD1aYLPwTQyE6WXqDOxwHUJaTe4J8tCr+"
            + "CbuSknn8a4rxz5MqcVJ6GbrPcfpGtaDXmHuR1o10JO5QXhm0sfucL+GM0jXgAgKnu3n7hvCQhDWSmWFN3N3sxcrnjcwVnMKe3aaa48HvL2gmnSU/3Lx2ihqP3EKNilMeuE1"
            + "NdXj9/fkTIui2f/bmU4q6KNgLivhExCW9Q2MaiYA5uqN+49CtQJANVVgIYEwuPCT58LocJQ26B+otv46X/nrlw17AWCniKIFwUi4Pe6l9eJVWy4MhXpPbDbtZPtBaMsdbaQ"
            + "VSREHc4k0LP9oDUPElDjkToKY/PJROhQzOnouDMGZg7bnhKpBhoK/m+YIoELMC/Jt9hvEvfxvFEtdWq6E7Eb+HU8+9X2HnhdA56ArTOxlc=";

    private static RequestSpecification request() {
        return given().filter(OpenApiContract.filter()).urlEncodingEnabled(false).contentType("application/json");
    }

    private static Response call(String model, String method, String body) {
        return request().body(body).post("/v1beta/models/" + model + ":" + method);
    }

    /** A request that breaks the contract on purpose: only the answer is checked. */
    private static Response callInvalid(String model, String method, String body) {
        return given().filter(OpenApiContract.filter().withoutRequestValidation()).urlEncodingEnabled(false)
                .contentType("application/json")
                .body(body).post("/v1beta/models/" + model + ":" + method);
    }

    @Test
    void should_answer_generate_content_over_a_gemini_backend_in_googles_shape() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        JsonPath answer = call("gemini", "generateContent", HELLO).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertThat(answer.getString("candidates[0].content.role")).isEqualTo("model");
        assertThat(answer.getString("candidates[0].content.parts[0].text")).endsWith("4200 + 42 = **4242**.");
        assertThat(answer.getString("candidates[0].finishReason")).isEqualTo("STOP");
        assertThat(answer.getInt("usageMetadata.promptTokenCount")).isEqualTo(13);
        assertThat(answer.getInt("usageMetadata.candidatesTokenCount")).isEqualTo(77);
        assertThat(answer.getInt("usageMetadata.thoughtsTokenCount")).isEqualTo(25);
        assertThat(answer.getInt("usageMetadata.totalTokenCount")).isEqualTo(115);
        assertThat(answer.getString("modelVersion")).isEqualTo("gemini-2.5-flash");
        assertThat(answer.getString("responseId")).isNotBlank();
        JsonNode sent = JSON.readTree(fake.lastRequest().body);
        assertThat(fake.lastRequest().path).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(sent.at("/contents/0/parts/0/text").asText()).isEqualTo("What is 4200 + 42?");
    }

    @Test
    void should_read_a_provider_slash_model_path_and_the_generation_config() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        // a provider/model path has a segment more than the contract's template: sent past the validator
        given().contentType("application/json").body("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},\"generationConfig\":{\"temperature\":0.2,"
                + "\"maxOutputTokens\":99,\"stopSequences\":[\"END\"],\"candidateCount\":1,\"topP\":1,"
                + "\"thinkingConfig\":{\"thinkingBudget\":1024,\"includeThoughts\":true}},\"safetySettings\":[{\"category\":"
                + "\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_ONLY_HIGH\"}]}")
                .post("/v1beta/models/gemini/gemini-2.5-pro:generateContent").then().statusCode(200)
                .body("modelVersion", equalTo("gemini-2.5-flash"));
        assertThat(fake.lastRequest().path).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
        JsonNode sent = JSON.readTree(fake.lastRequest().body);
        assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/generationConfig/temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(99);
        assertThat(sent.at("/generationConfig/topP").asDouble()).isEqualTo(1.0);
        assertThat(sent.at("/generationConfig/stopSequences/0").asText()).isEqualTo("END");
        assertThat(sent.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(1024);
        assertThat(sent.at("/safetySettings/0/threshold").asText()).isEqualTo("BLOCK_ONLY_HIGH");
    }

    @Test
    void should_answer_over_any_backend_and_leave_safety_settings_to_gemini() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        JsonPath answer = call("anthropic", "generateContent", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]}")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("candidates[0].content.parts[0].text")).isEqualTo("4200 + 42 = 4242");
        assertThat(answer.getString("candidates[0].finishReason")).isEqualTo("STOP");
        assertThat(answer.getInt("usageMetadata.promptTokenCount")).isEqualTo(17);
        assertThat(fake.lastRequest().body).doesNotContain("HARM_CATEGORY").doesNotContain("BLOCK_NONE");
        // the built-in mock: no upstream at all
        call("mock", "generateContent", HELLO).then().statusCode(200)
                .body("candidates[0].content.parts[0].text", equalTo("Hello from the mock provider."))
                .body("modelVersion", equalTo("mock"));
    }

    @Test
    void should_show_thoughts_only_when_asked() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/thought-parts.json")));
        JsonPath with = call("gemini", "generateContent", "{\"contents\":[{\"parts\":[{\"text\":\"primes?\"}]}],"
                + "\"generationConfig\":{\"thinkingConfig\":{\"includeThoughts\":true}}}").then().statusCode(200)
                .extract().jsonPath();
        assertThat(with.getBoolean("candidates[0].content.parts[0].thought")).isTrue();
        assertThat(with.getString("candidates[0].content.parts[0].text")).startsWith("**Analyzing Prime Numbers");
        assertThat(with.getString("candidates[0].content.parts[1].text")).endsWith("3");
        assertThat(with.getInt("usageMetadata.thoughtsTokenCount")).isEqualTo(1754);
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/thought-parts.json")));
        JsonPath without = call("gemini", "generateContent", "{\"contents\":[{\"parts\":[{\"text\":\"primes?\"}]}]}")
                .then().statusCode(200).extract().jsonPath();
        assertThat(without.getList("candidates[0].content.parts")).hasSize(1);
        assertThat(without.getString("candidates[0].content.parts[0].thought")).isNull();
    }

    @Test
    void should_stream_server_sent_events_with_usage_on_the_last() throws Exception {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("gemini/text-stream.sse"), "\n\n")));
        String body = request().body(HELLO).queryParam("alt", "sse").post("/v1beta/models/gemini:streamGenerateContent")
                .then().statusCode(200).contentType("text/event-stream").extract().asString();
        List<JsonNode> events = dataEvents(body);
        assertThat(events).hasSizeGreaterThanOrEqualTo(3);
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            OpenApiContract.assertValid("GenerateContentResponse", event.toString());
            event.at("/candidates/0/content/parts").forEach(part -> text.append(part.path("text").asText()));
        }
        assertThat(text.toString()).endsWith("So, 4200 + 42 = **4242**.");
        JsonNode last = events.getLast();
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(13);
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(63);
        assertThat(events.getFirst().has("usageMetadata")).isFalse();
        assertThat(fake.lastRequest().uri).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    }

    @Test
    void should_stream_a_json_array_without_alt_sse() throws Exception {
        String body = request().body(HELLO).post("/v1beta/models/mock-tools:streamGenerateContent").then()
                .statusCode(200).contentType("application/json").extract().asString();
        ArrayNode responses = (ArrayNode) JSON.readTree(body);
        List<String> kinds = new ArrayList<>();
        for (JsonNode response : responses) {
            OpenApiContract.assertValid("GenerateContentResponse", response.toString());
            response.at("/candidates/0/content/parts").forEach(part -> kinds.add(part.has("functionCall") ? "call"
                    : "text"));
        }
        assertThat(kinds.stream().distinct()).containsExactly("text", "call");
        assertThat(kinds.stream().filter("call"::equals)).hasSize(2);
        assertThat(responses.get(kinds.indexOf("call")).at("/candidates/0/content/parts/0/functionCall/args/city")
                .asText()).isEqualTo("Paris");
        assertThat(responses.get(responses.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void should_send_a_function_calls_thought_signature_back_to_gemini_byte_exact_and_to_no_other_backend()
            throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/function-call-parallel.json")));
        String ask = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Get both secrets.\"}]}],\"tools\":[{"
                + "\"functionDeclarations\":[{\"name\":\"secret_retrieval_tool\",\"description\":\"Gets a secret.\","
                + "\"parameters\":{\"type\":\"OBJECT\",\"properties\":{\"password\":{\"type\":\"STRING\"}},"
                + "\"required\":[\"password\"]}}]}],\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"AUTO\"}}}";
        JsonNode answer = JSON.readTree(call("gemini", "generateContent", ask).then().statusCode(200).extract().asString());
        JsonNode parts = answer.at("/candidates/0/content/parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).at("/functionCall/name").asText()).isEqualTo("secret_retrieval_tool");
        assertThat(parts.get(0).at("/functionCall/id").asText()).isNotBlank();
        assertThat(parts.get(0).at("/functionCall/args/password").asText()).isEqualTo("mellon");
        assertThat(parts.get(0).path("thoughtSignature").asText()).isEqualTo(SIGNATURE);
        assertThat(parts.get(1).has("thoughtSignature")).isFalse();
        JsonNode sentTools = JSON.readTree(fake.lastRequest().body).at("/tools/0/functionDeclarations/0/parameters");
        assertThat(sentTools.path("type").asText()).isEqualToIgnoringCase("object");

        // the client returns the model's turn as it got it, and each call's response
        ObjectNode next = (ObjectNode) JSON.readTree(ask);
        ArrayNode contents = (ArrayNode) next.get("contents");
        contents.add(answer.at("/candidates/0/content"));
        ArrayNode responses = contents.addObject().put("role", "user").putArray("parts");
        for (JsonNode part : parts) {
            ObjectNode response = responses.addObject().putObject("functionResponse");
            response.put("id", part.at("/functionCall/id").asText()).put("name", "secret_retrieval_tool");
            response.putObject("response").put("result", "ok " + part.at("/functionCall/args/password").asText());
        }
        String history = JSON.writeValueAsString(next);

        fake.reset();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        call("gemini", "generateContent", history).then().statusCode(200);
        JsonNode toGemini = JSON.readTree(fake.lastRequest().body);
        JsonNode modelTurn = toGemini.at("/contents/1");
        assertThat(modelTurn.path("role").asText()).isEqualTo("model");
        assertThat(modelTurn.at("/parts/0/thoughtSignature").asText()).isEqualTo(SIGNATURE);
        assertThat(modelTurn.at("/parts/1/thoughtSignature").isMissingNode()).isTrue();
        assertThat(toGemini.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("secret_retrieval_tool");
        assertThat(toGemini.at("/contents/2/parts/0/functionResponse/response/result").asText()).isEqualTo("ok mellon");

        for (String other : List.of("anthropic", "openai")) {
            fake.reset();
            fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(other.equals("anthropic") ? "anthropic/text.json"
                    : "openai/openai-chat-text.json")));
            call(other, "generateContent", history).then().statusCode(200);
            assertThat(fake.lastRequest().body).as(other).contains("ok mellon").doesNotContain(SIGNATURE)
                    .doesNotContain("thought_signature");
        }
    }

    @Test
    void should_answer_a_bad_field_400_invalid_argument_naming_it() {
        callInvalid("gemini", "generateContent", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":"
                + "{\"candidateCount\":2}}").then().statusCode(400).contentType("application/json")
                .body("error.code", equalTo(400)).body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.message", startsWith("generationConfig.candidateCount: "));
        callInvalid("gemini", "generateContent", "{\"contents\":[{\"role\":\"assistant\",\"parts\":[{\"text\":\"hi\"}]}]}")
                .then().statusCode(400).body("error.message", startsWith("contents[0].role: "));
        callInvalid("gemini", "generateContent", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":"
                + "{\"responseMimeType\":\"text/x.enum\"}}").then().statusCode(400)
                .body("error.message", startsWith("generationConfig.responseMimeType: "));
        callInvalid("gemini", "generateContent",
                "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"tools\":[{\"googleSearch\":{}}]}")
                .then().statusCode(400).body("error.message", startsWith("tools[0].googleSearch: "));
        callInvalid("gemini", "generateContent", "{\"contents\":[]}").then().statusCode(400)
                .body("error.message", startsWith("contents: "));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_answer_an_unknown_model_or_method_404_not_found() {
        call("gemini-1.0-ultra", "generateContent", HELLO).then().statusCode(404)
                .body("error.code", equalTo(404)).body("error.status", equalTo("NOT_FOUND"))
                .body("error.message", startsWith("model: "));
        given().contentType("application/json").body(HELLO).post("/v1beta/models/gemini:predict").then()
                .statusCode(404).body("error.status", equalTo("NOT_FOUND"))
                .body("error.message", startsWith("path: unknown method \"predict\""));
    }

    @Test
    void should_answer_an_upstream_429_as_resource_exhausted_with_retry_after() {
        fake.enqueue(FakeUpstream.json(429, FixtureFiles.text("gemini/synthetic-error-429-retry-info.error.json")));
        Response answer = call("gemini", "generateContent", HELLO);
        answer.then().statusCode(429).body("error.code", equalTo(429)).body("error.status", equalTo("RESOURCE_EXHAUSTED"));
        assertThat(answer.header("Retry-After")).isNotBlank();
        fake.enqueue(FakeUpstream.json(429, FixtureFiles.text("gemini/synthetic-error-429-retry-info.error.json")));
        request().body(HELLO).queryParam("alt", "sse").post("/v1beta/models/gemini:streamGenerateContent").then()
                .statusCode(429).contentType("application/json").body("error.status", equalTo("RESOURCE_EXHAUSTED"));
    }

    @Test
    void should_end_a_stream_failing_after_its_start_with_googles_error_object() throws Exception {
        String sse = request().body(HELLO).queryParam("alt", "sse").post("/v1beta/models/mock-midstream:streamGenerateContent")
                .then().statusCode(200).extract().asString();
        JsonNode last = dataEvents(sse).getLast();
        assertThat(last.at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        String array = request().body(HELLO).post("/v1beta/models/mock-midstream:streamGenerateContent").then()
                .statusCode(200).extract().asString();
        JsonNode elements = JSON.readTree(array);
        assertThat(elements.get(elements.size() - 1).at("/error/code").asInt()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void should_count_tokens_on_a_gemini_backend_and_estimate_elsewhere() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/synthetic-count-tokens.json")));
        Response counted = call("gemini", "countTokens", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");
        counted.then().statusCode(200).body("totalTokens",
                equalTo(JSON.readTree(FixtureFiles.text("gemini/synthetic-count-tokens.json")).get("totalTokens").asInt()));
        assertThat(counted.header("x-switchboard-token-count")).isEqualTo("exact");
        assertThat(fake.requests()).singleElement().satisfies(r -> assertThat(r.path).endsWith(":countTokens"));
        // the mock has no tokenizer: a quarter of the characters, plus 4 for the message
        Response estimated = call("mock", "countTokens", "{\"contents\":[{\"parts\":[{\"text\":\""
                + "abcd".repeat(25) + "\"}]}]}");
        estimated.then().statusCode(200).body("totalTokens", equalTo(29));
        assertThat(estimated.header("x-switchboard-token-count")).isEqualTo("estimate");
        call("mock", "countTokens", "{\"generateContentRequest\":{\"model\":\"models/mock\",\"contents\":[{\"parts\":"
                + "[{\"text\":\"abcdefgh\"}]}]}}").then().statusCode(200).body("totalTokens", equalTo(6));
        call("nobody", "countTokens", HELLO).then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
    }

    @Test
    void should_embed_content_over_a_gemini_backend_and_the_mock() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/synthetic-batch-embeddings.json")));
        // provider/model is two path segments, which openapi.yaml's {model} cannot describe: sent unvalidated
        JsonNode batch = JSON.readTree(given().contentType("application/json").body(
                "{\"requests\":[{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"alpha\"}]},"
                        + "\"outputDimensionality\":3},{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":"
                        + "[{\"text\":\"beta\"}]},\"outputDimensionality\":3}]}")
                .post("/v1beta/models/gemini/gemini-embedding-001:batchEmbedContents").then().statusCode(200).extract()
                .asString());
        assertThat(batch.at("/embeddings/1/values/2").floatValue()).isEqualTo(-0.007328742f);
        JsonNode sent = JSON.readTree(fake.lastRequest().body);
        assertThat(fake.lastRequest().path).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(sent.at("/requests/1/content/parts/0/text").asText()).isEqualTo("beta");
        assertThat(sent.at("/requests/0/outputDimensionality").asInt()).isEqualTo(3);

        // the mock's vectors are a function of the text: the same text, the same vector, through either method
        JsonNode one = JSON.readTree(call("mock", "embedContent", "{\"content\":{\"parts\":[{\"text\":\"alpha\"}]},"
                + "\"outputDimensionality\":4}").then().statusCode(200).extract().asString());
        JsonNode many = JSON.readTree(call("mock", "batchEmbedContents", "{\"requests\":[{\"content\":{\"parts\":"
                + "[{\"text\":\"alpha\"}]},\"outputDimensionality\":4}]}").then().statusCode(200).extract().asString());
        assertThat(one.at("/embedding/values").size()).isEqualTo(4);
        assertThat(many.at("/embeddings/0/values")).isEqualTo(one.at("/embedding/values"));

        callInvalid("mock", "embedContent", "{\"content\":{\"parts\":[{\"inlineData\":{}}]}}").then().statusCode(400)
                .body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.message", org.hamcrest.Matchers.containsString("content.parts[0].text"));
        callInvalid("anthropic", "embedContent", "{\"content\":{\"parts\":[{\"text\":\"a\"}]}}").then()
                .statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"));
    }

    /** The JSON of each {@code data:} event of a Server-Sent Events body. */
    static List<JsonNode> dataEvents(String body) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String frame : body.split("\r\n\r\n")) {
            if (frame.startsWith("data: ")) {
                events.add(JSON.readTree(frame.substring("data: ".length())));
            }
        }
        return events;
    }
}
