package io.switchboard.api.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.core.embedding.EmbeddingRequest;
import io.switchboard.metrics.AccessLog;
import io.switchboard.testsupport.AccessLogLines;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.Prometheus;
import io.switchboard.testsupport.RequestSchemaCheck;
import io.switchboard.testsupport.UpstreamSpec;

/**
 * {@code POST /v1/embeddings} through the HTTP API on every backend type: what each upstream is sent (path, auth,
 * body, valid against the provider's published spec), the answer in OpenAI's shape (floats or base64), batches
 * split at the backend's maximum and joined in order, a backend without embeddings, a route's fallback, and the
 * call on the metrics and in the access log.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class EmbeddingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakeUpstream
    FakeUpstream fake;

    private final AccessLogLines access = new AccessLogLines(AccessLog.CATEGORY);

    @BeforeEach
    void setUp() {
        fake.reset();
        access.attach();
    }

    @AfterEach
    void tearDown() {
        access.detach();
    }

    /** A request that may break the contract on purpose; the answer is checked against openapi.yaml. */
    private static ExtractableResponse<Response> embed(String body) {
        return OpenApiContract.invalidRequest().body(body).post("/v1/embeddings").then().extract();
    }

    /** A request and its answer, both checked against openapi.yaml. */
    private static JsonNode ok(String body) throws Exception {
        ExtractableResponse<Response> response = OpenApiContract.jsonRequest().body(body).post("/v1/embeddings").then()
                .extract();
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    private JsonNode sent() throws Exception {
        return JSON.readTree(fake.lastRequest().body);
    }

    /** The vector as the float32 values it stands for (backends send more digits than a float holds). */
    private static List<Float> vector(JsonNode answer, int index) {
        List<Float> values = new ArrayList<>();
        answer.get("data").get(index).get("embedding").forEach(value -> values.add(value.floatValue()));
        return values;
    }

    @Test
    void should_embed_texts_over_openai_as_openai_answers() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/synthetic-embeddings.json")));
        JsonNode answer = ok("{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"first text\",\"second text\"],"
                + "\"dimensions\":4,\"encoding_format\":\"float\",\"user\":\"user-1\"}");

        assertThat(answer.get("object").asText()).isEqualTo("list");
        assertThat(answer.get("model").asText()).isEqualTo("openai/text-embedding-3-small");
        assertThat(answer.get("data")).hasSize(2);
        assertThat(answer.get("data").get(1).get("object").asText()).isEqualTo("embedding");
        assertThat(answer.get("data").get(1).get("index").asInt()).isEqualTo(1);
        assertThat(vector(answer, 0)).containsExactly(-0.006929283f, -0.005336422f, 0.024047505f, -0.01407835f);
        assertThat(vector(answer, 1)).containsExactly(0.0123456f, -0.0271829f, 0.031415926f, 0.5f);
        assertThat(answer.get("usage").get("prompt_tokens").asInt()).isEqualTo(9);
        assertThat(answer.get("usage").get("total_tokens").asInt()).isEqualTo(9);

        FakeUpstream.Received received = fake.lastRequest();
        assertThat(received.path).isEqualTo("/v1/embeddings");
        assertThat(received.header("Authorization")).isEqualTo("Bearer test-key");
        JsonNode sent = sent();
        assertThat(sent.get("model").asText()).isEqualTo("text-embedding-3-small");
        assertThat(sent.get("input").toString()).isEqualTo("[\"first text\",\"second text\"]");
        assertThat(sent.get("dimensions").asInt()).isEqualTo(4);
        assertThat(sent.get("encoding_format").asText()).isEqualTo("float");
        assertThat(sent.get("user").asText()).isEqualTo("user-1");
        UpstreamSpec.assertValid("openai", "/v1/embeddings", received);
    }

    @Test
    void should_pass_token_ids_through_to_an_openai_wire_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("vllm/synthetic-embeddings.json")));
        JsonNode answer = ok("{\"model\":\"vllm/BAAI/bge-m3\",\"input\":[[101,7592,102],[101,2088,102]]}");

        assertThat(vector(answer, 0)).containsExactly(0.0159f, -0.0236f, 0.0451f);
        assertThat(answer.get("usage").get("prompt_tokens").asInt()).isEqualTo(5);
        FakeUpstream.Received received = fake.lastRequest();
        assertThat(received.path).isEqualTo("/v1/embeddings");
        assertThat(received.header("Authorization")).as("vLLM has no key configured").isNull();
        assertThat(sent().get("input").toString()).isEqualTo("[[101,7592,102],[101,2088,102]]");
        assertThat(sent().get("model").asText()).isEqualTo("BAAI/bge-m3");
        UpstreamSpec.assertValid("openai", "/v1/embeddings", received);
    }

    @Test
    void should_call_the_azure_deployment_with_its_api_key_header() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("azure/synthetic-embeddings.json")));
        JsonNode answer = ok("{\"model\":\"azure/my-embeddings\",\"input\":[\"one text\",\"two\"]}");

        assertThat(vector(answer, 0)).containsExactly(0.0023064255f, -0.009327292f, -0.0028842222f);
        FakeUpstream.Received received = fake.lastRequest();
        assertThat(received.path).isEqualTo("/openai/deployments/my-embeddings/embeddings");
        assertThat(received.uri).contains("api-version=");
        assertThat(received.header("api-key")).isEqualTo("azure-test-key");
        assertThat(sent().get("input").toString()).isEqualTo("[\"one text\",\"two\"]");
    }

    @Test
    void should_embed_over_gemini_with_batch_embed_contents() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/synthetic-batch-embeddings.json")));
        JsonNode answer = ok("{\"model\":\"gemini/gemini-embedding-001\",\"input\":[\"alpha\",\"beta\"],"
                + "\"dimensions\":3}");

        assertThat(vector(answer, 0)).containsExactly(-0.022374554f, -0.004560777f, 0.013309286f);
        assertThat(vector(answer, 1)).containsExactly(0.0050108917f, -0.016475052f, -0.007328742f);
        assertThat(answer.get("usage").get("prompt_tokens").asInt()).as("Gemini reports no count").isZero();
        FakeUpstream.Received received = fake.lastRequest();
        assertThat(received.path).isEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        assertThat(received.header("x-goog-api-key")).isEqualTo("test-key");
        JsonNode first = sent().get("requests").get(0);
        assertThat(first.get("model").asText()).isEqualTo("models/gemini-embedding-001");
        assertThat(first.get("content").get("parts").get(0).get("text").asText()).isEqualTo("alpha");
        assertThat(first.get("outputDimensionality").asInt()).isEqualTo(3);
        assertThat(first.has("taskType")).as("the model's default task type").isFalse();
        UpstreamSpec.assertValid("gemini", "/v1beta/models/{model}:batchEmbedContents", received);
    }

    @Test
    void should_embed_over_mistral_with_output_dimension() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("mistral/synthetic-embeddings.json")));
        JsonNode answer = ok("{\"model\":\"mistral/mistral-embed\",\"input\":[\"a\",\"b\"],\"dimensions\":3}");

        assertThat(vector(answer, 1)).containsExactly(-0.0230560302734375f, 0.039337158203125f, 0.0521240234375f);
        assertThat(answer.get("usage").get("total_tokens").asInt()).isEqualTo(15);
        FakeUpstream.Received received = fake.lastRequest();
        assertThat(received.path).isEqualTo("/v1/embeddings");
        assertThat(received.header("Authorization")).isEqualTo("Bearer test-key");
        assertThat(sent().get("output_dimension").asInt()).isEqualTo(3);
        assertThat(sent().has("dimensions")).isFalse();
        UpstreamSpec.assertValid("mistral", "/v1/embeddings", received);
    }

    @Test
    void should_embed_over_ollama_with_the_configured_embedding_model() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("ollama/synthetic-embeddings.json")));
        JsonNode answer = ok("{\"model\":\"ollama\",\"input\":[\"why is the sky blue?\",\"why is grass green?\"]}");

        assertThat(vector(answer, 1)).containsExactly(-0.0098027075f, 0.06042469f, 0.025257962f);
        assertThat(answer.get("usage").get("prompt_tokens").asInt()).isEqualTo(8);
        assertThat(answer.get("model").asText()).isEqualTo("ollama");
        FakeUpstream.Received received = fake.lastRequest();
        assertThat(received.path).isEqualTo("/api/embed");
        assertThat(sent().get("model").asText()).isEqualTo("all-minilm");
        UpstreamSpec.assertValid("ollama", "/api/embed", received);
    }

    @Test
    void should_refuse_token_ids_for_a_backend_that_takes_text_only() {
        for (String model : List.of("gemini/gemini-embedding-001", "mistral/mistral-embed", "ollama")) {
            ExtractableResponse<Response> response = embed("{\"model\":\"" + model + "\",\"input\":[1,2,3]}");
            assertThat(response.statusCode()).as(model).isEqualTo(400);
            assertThat(response.jsonPath().getString("error.param")).as(model).isEqualTo("input");
            assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_answer_400_naming_the_provider_for_a_backend_without_embeddings() {
        ExtractableResponse<Response> response = embed("{\"model\":\"anthropic\",\"input\":\"hello\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(response.jsonPath().getString("error.message")).contains("\"anthropic\"").contains("embeddings");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_ask_for_a_model_when_the_provider_has_no_embedding_model() {
        ExtractableResponse<Response> response = embed("{\"model\":\"mistral\",\"input\":\"hello\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getString("error.message")).contains("embedding-model")
                .contains("mistral/<model>");
    }

    @Test
    void should_split_a_batch_over_the_backend_maximum_and_keep_the_order() throws Exception {
        int inputs = 150;
        ArrayNode texts = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < inputs; i++) {
            texts.add("text " + i);
        }
        fake.enqueue(FakeUpstream.json(200, geminiBatch(0, 100)));
        fake.enqueue(FakeUpstream.json(200, geminiBatch(100, 150)));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("model", "gemini/gemini-embedding-001");
        body.set("input", texts);
        JsonNode answer = ok(body.toString());

        assertThat(fake.requests()).hasSize(2);
        assertThat(JSON.readTree(fake.requests().get(0).body).get("requests")).hasSize(100);
        JsonNode second = JSON.readTree(fake.requests().get(1).body).get("requests");
        assertThat(second).hasSize(50);
        assertThat(second.get(0).get("content").get("parts").get(0).get("text").asText()).isEqualTo("text 100");
        assertThat(answer.get("data")).hasSize(inputs);
        for (int i = 0; i < inputs; i++) {
            assertThat(answer.get("data").get(i).get("index").asInt()).isEqualTo(i);
            assertThat(vector(answer, i).get(0)).as("vector %d", i).isEqualTo((float) i);
        }
    }

    /** A Gemini batch answer whose vector {@code i} starts with {@code i}. */
    private static String geminiBatch(int from, int to) {
        StringBuilder body = new StringBuilder("{\"embeddings\":[");
        for (int i = from; i < to; i++) {
            body.append(i > from ? "," : "").append("{\"values\":[").append(i).append(",0.5]}");
        }
        return body.append("]}").toString();
    }

    @Test
    void should_encode_base64_as_little_endian_float32() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/synthetic-embeddings.json")));
        JsonNode answer = ok("{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"a\",\"b\"],"
                + "\"encoding_format\":\"base64\"}");

        assertThat(sent().get("encoding_format").asText()).as("floats asked of the backend").isEqualTo("float");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(answer.get("data").get(1).get("embedding")
                .asText())).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(4 * Float.BYTES);
        assertThat(new float[] { bytes.getFloat(), bytes.getFloat(), bytes.getFloat(), bytes.getFloat() })
                .containsExactly(0.0123456f, -0.0271829f, 0.031415926f, 0.5f);
    }

    @Test
    void should_give_deterministic_unit_vectors_from_the_mock() throws Exception {
        JsonNode first = ok("{\"model\":\"mock\",\"input\":[\"same text\",\"other words here\"]}");
        JsonNode again = ok("{\"model\":\"mock\",\"input\":\"same text\"}");
        JsonNode sized = ok("{\"model\":\"mock\",\"input\":\"same text\",\"dimensions\":3}");

        assertThat(vector(first, 0)).hasSize(8).isEqualTo(vector(again, 0)).isNotEqualTo(vector(first, 1));
        assertThat(norm(vector(first, 0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(vector(sized, 0)).hasSize(3);
        assertThat(norm(vector(sized, 0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(first.get("usage").get("prompt_tokens").asInt()).as("words, the mock's token rule").isEqualTo(5);
    }

    private static double norm(List<Float> vector) {
        return Math.sqrt(vector.stream().mapToDouble(v -> v * v).sum());
    }

    @Test
    void should_fall_back_to_the_route_next_target_on_a_503() throws Exception {
        fake.enqueue(FakeUpstream.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        JsonNode answer = ok("{\"model\":\"embed-fallback\",\"input\":\"same text\"}");

        assertThat(fake.requests()).hasSize(1);
        assertThat(vector(answer, 0)).isEqualTo(vector(ok("{\"model\":\"echo\",\"input\":\"same text\"}"), 0));
    }

    @Test
    void should_refuse_bad_fields_naming_them() {
        assertThat(embed("{\"model\":\"mock\"}").jsonPath().getString("error.param")).isEqualTo("input");
        assertThat(embed("{\"model\":\"mock\",\"input\":[]}").jsonPath().getString("error.param")).isEqualTo("input");
        assertThat(embed("{\"model\":\"mock\",\"input\":[\"a\",[1]]}").jsonPath().getString("error.param"))
                .isEqualTo("input[1]");
        assertThat(embed("{\"model\":\"mock\",\"input\":\"a\",\"dimensions\":0}").jsonPath().getString("error.param"))
                .isEqualTo("dimensions");
        assertThat(embed("{\"model\":\"mock\",\"input\":\"a\",\"dimensions\":100000}").statusCode()).isEqualTo(400);
        ArrayNode tooMany = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i <= EmbeddingRequest.MAX_INPUTS; i++) {
            tooMany.add("t");
        }
        ExtractableResponse<Response> limit = embed("{\"model\":\"mock\",\"input\":" + tooMany + "}");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.jsonPath().getString("error.message")).contains("at most 2048 inputs");
        ExtractableResponse<Response> format = embed("{\"model\":\"mock\",\"input\":\"a\",\"encoding_format\":\"int8\"}");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.jsonPath().getString("error.param")).isEqualTo("encoding_format");
    }

    @Test
    void should_document_every_field_the_door_reads() throws Exception {
        ObjectNode minimal = (ObjectNode) JSON.readTree("{\"model\":\"mock\",\"input\":\"hello\"}");
        ObjectNode full = minimal.deepCopy().put("dimensions", 4).put("encoding_format", "float").put("user", "u");
        RequestSchemaCheck.Recorder body = new RequestSchemaCheck.Recorder(full);
        EmbeddingsRequestReader.read(body);

        assertThat(body.read()).contains("model", "input", "dimensions", "encoding_format", "user");
        assertThat(RequestSchemaCheck.mismatches("EmbeddingsRequest", "/v1/embeddings", minimal, body.read(),
                answer -> answer.jsonPath().getString("error.param"))).isEmpty();
    }

    @Test
    void should_count_an_embeddings_call_on_the_metrics_and_in_the_access_log() throws Exception {
        String requestId = "embeddings-" + UUID.randomUUID();
        double before = embeddingsCalls();
        given().contentType("application/json").header("X-Request-Id", requestId)
                .body("{\"model\":\"mock\",\"input\":\"count me please\"}").post("/v1/embeddings").then()
                .statusCode(200);

        assertThat(embeddingsCalls()).isEqualTo(before + 1);
        JsonNode line = JSON.readTree(access.awaitLines(requestId, 1).get(0));
        assertThat(line.get("endpoint").asText()).isEqualTo("/v1/embeddings");
        assertThat(line.get("provider").asText()).isEqualTo("mock");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("tokens_in").asInt()).isEqualTo(3);
    }

    private static double embeddingsCalls() {
        return Prometheus.series("switchboard_requests_total").stream()
                .filter(line -> line.contains("provider=\"mock\"") && line.contains("endpoint=\"embeddings\"")
                        && line.contains("outcome=\"ok\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
