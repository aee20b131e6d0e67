package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.metrics.AccessLog;
import io.switchboard.testsupport.AccessLogLines;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseEvents;

/**
 * What an answer cost, on every door and every backend type: {@code metadata.cost_usd}, the
 * {@code X-Switchboard-Cost-Usd} header (the same number), the access log line's {@code cost_usd} and the
 * {@code switchboard_cost_*} metrics. Prices come from the shipped catalog and from the test configuration's
 * overrides (azure priced per model, vllm per provider, one openai model's output price); each usage counter is
 * priced at its own price (per million tokens in the comments).
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class CostTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COST = "X-Switchboard-Cost-Usd";
    private static final String QUESTION = "[{\"role\":\"user\",\"content\":\"What is Python?\"}]";

    private final AccessLogLines access = new AccessLogLines(AccessLog.CATEGORY);

    @BeforeEach
    void attach() {
        access.attach();
    }

    @AfterEach
    void detach() {
        access.detach();
    }

    static Stream<Arguments> backends() {
        return Stream.of(
                // claude-sonnet-4-5: 3 input at 3, 1111 cache reads at 0.30, 100 5-minute writes at 3.75, 318 1-hour
                // writes at 6, 33 output at 15
                Arguments.of("anthropic", "anthropic/synthetic-cache-write-1h.json", 0.0031203),
                // the same, every cache write for 5 minutes
                Arguments.of("anthropic", "anthropic/cache-read-usage.json", 0.0024048),
                // gpt-4o: 86 input at 2.50, 1920 cache reads at 1.25, 108 output and 192 reasoning at 10
                Arguments.of("openai", "openai/synthetic-cached-reasoning-usage.json", 0.005615),
                // the azure deployment priced in the configuration: input 3, cache read 1.5, output 12
                Arguments.of("azure", "openai/synthetic-cached-reasoning-usage.json", 0.006738),
                // gemini-2.5-flash: 246 input at 0.30, 1024 cache reads at 0.03, 40 output and 76 thoughts at 2.50
                Arguments.of("gemini", "gemini/synthetic-cached-tool-use-thoughts-usage.json", 0.00039452),
                // mistral-small-latest priced as mistral-small: 664 input at 0.10, 747 output at 0.30
                Arguments.of("mistral", "mistral/magistral-thinking.json", 0.0002905),
                // vllm priced as a whole in the configuration: 70 input at 0.2, 34 output at 0.6
                Arguments.of("vllm", "vllm/vllm-reasoning-content.json", 0.0000344),
                // local backends cost nothing unless priced
                Arguments.of("ollama", "ollama/text.json", 0.0),
                Arguments.of("mock", null, 0.0));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backends")
    void should_cost_a_whole_answer_on_every_door(String provider, String fixture, double expected) {
        String requestId = "cost-" + UUID.randomUUID();
        enqueue(fixture);
        ExtractableResponse<Response> generate = OpenApiContract.jsonRequest().header("X-Request-Id", requestId)
                .body("{\"messages\":" + QUESTION + "}").post("/v1/generate?provider=" + provider).then()
                .statusCode(200).extract();
        JsonNode metadataCost = read(generate.asString()).at("/metadata/cost_usd");
        assertThat(metadataCost.isNumber()).as("metadata.cost_usd of %s", provider).isTrue();
        assertThat(metadataCost.asDouble()).isCloseTo(expected, within(1e-12));
        // the same number, in plain decimals (no exponent) for any reader of headers
        assertThat(generate.header(COST)).matches("\\d+\\.\\d+");
        assertThat(new BigDecimal(generate.header(COST))).isEqualByComparingTo(BigDecimal.valueOf(metadataCost.asDouble()));
        assertThat(access.awaitLine(requestId).get("cost_usd").asDouble()).isEqualTo(metadataCost.asDouble());

        enqueue(fixture);
        assertCost(OpenApiContract.jsonRequest()
                .body("{\"model\":\"" + provider + "\",\"messages\":" + QUESTION + "}").post("/v1/chat/completions"),
                expected);
        enqueue(fixture);
        assertCost(OpenApiContract.jsonRequest()
                .body("{\"model\":\"" + provider + "\",\"max_tokens\":1024,\"messages\":" + QUESTION + "}")
                .post("/v1/messages"), expected);
        enqueue(fixture);
        assertCost(OpenApiContract.jsonRequest()
                .body("{\"model\":\"" + provider + "\",\"store\":false,\"input\":\"What is Python?\"}")
                .post("/v1/responses"), expected);
        enqueue(fixture);
        assertCost(given().filter(OpenApiContract.filter()).urlEncodingEnabled(false).contentType("application/json")
                .body("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"What is Python?\"}]}]}")
                .post("/v1beta/models/" + provider + ":generateContent"), expected);
    }

    @Test
    void should_carry_the_cost_in_the_done_event_of_a_stream() {
        String requestId = "cost-stream-" + UUID.randomUUID();
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("anthropic/synthetic-cache-write-1h-stream.sse"),
                "\n\n")));
        ExtractableResponse<Response> stream = OpenApiContract.jsonRequest().header("X-Request-Id", requestId)
                .body("{\"messages\":" + QUESTION + "}").post("/v1/stream?provider=anthropic").then().statusCode(200)
                .extract();
        List<SseEvents.Event> events = SseEvents.parse(stream.asString());
        events.forEach(event -> OpenApiContract.assertValidStreamEvent(event.data()));
        JsonNode done = read(events.getLast().data());
        assertThat(done.get("type").asText()).isEqualTo("done");
        assertThat(done.at("/metadata/cost_usd").asDouble()).isCloseTo(0.0031203, within(1e-12));
        // the headers went out with the first event, before the cost was known
        assertThat(stream.header(COST)).isNull();
        assertThat(access.awaitLine(requestId).get("cost_usd").asDouble())
                .isEqualTo(done.at("/metadata/cost_usd").asDouble());
    }

    @Test
    void should_price_a_model_by_its_configured_price_over_the_catalog_and_a_snapshot_as_its_model() {
        // gpt-4.1-mini: input 0.40 from the catalog, output 1 from the configuration; 16 input, 12 output
        enqueue("openai/openai-chat-text.json");
        assertCost(OpenApiContract.jsonRequest().body("{\"messages\":" + QUESTION + "}")
                .post("/v1/generate?provider=openai&model=gpt-4.1-mini"), 0.0000184);
        // a dated snapshot of gpt-4o at gpt-4o's price: 16 input at 2.50, 12 output at 10
        enqueue("openai/openai-chat-text.json");
        assertCost(OpenApiContract.jsonRequest().body("{\"messages\":" + QUESTION + "}")
                .post("/v1/generate?provider=openai&model=gpt-4o-2024-08-06"), 0.00016);
    }

    @Test
    void should_answer_a_null_cost_and_count_it_when_the_model_has_no_price() {
        String requestId = "unpriced-" + UUID.randomUUID();
        double before = StreamRouteTest.metric("switchboard_cost_unpriced_total", "provider=\"openai\"",
                "model=\"other\"");
        enqueue("openai/openai-chat-text.json");
        ExtractableResponse<Response> answer = OpenApiContract.jsonRequest().header("X-Request-Id", requestId)
                .body("{\"messages\":" + QUESTION + "}").post("/v1/generate?provider=openai&model=gpt-unknown-9").then()
                .statusCode(200).extract();

        JsonNode metadata = read(answer.asString()).get("metadata");
        assertThat(metadata.has("cost_usd")).isTrue();
        assertThat(metadata.get("cost_usd").isNull()).isTrue();
        assertThat(answer.header(COST)).isNull();
        assertThat(access.awaitLine(requestId).get("cost_usd").isNull()).isTrue();
        assertThat(StreamRouteTest.metric("switchboard_cost_unpriced_total", "provider=\"openai\"", "model=\"other\""))
                .isEqualTo(before + 1);
    }

    @Test
    void should_cost_embeddings_at_the_input_price_of_the_embedding_model() {
        // text-embedding-3-small: 9 input tokens at 0.02
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/synthetic-embeddings.json")));
        String requestId = "cost-embeddings-" + UUID.randomUUID();
        ExtractableResponse<Response> answer = OpenApiContract.jsonRequest().header("X-Request-Id", requestId)
                .body("{\"model\":\"openai\",\"input\":[\"one\",\"two\"]}").post("/v1/embeddings").then()
                .statusCode(200).extract();
        assertThat(Double.parseDouble(answer.header(COST))).isCloseTo(0.00000018, within(1e-12));
        assertThat(access.awaitLine(requestId).get("cost_usd").asDouble())
                .isEqualTo(Double.parseDouble(answer.header(COST)));
    }

    @Test
    void should_add_the_cost_to_the_spend_of_the_provider_model_and_key() {
        String[] series = { "provider=\"anthropic\"", "model=\"claude-sonnet-4-5\"", "key=\"none\"" };
        double before = StreamRouteTest.metric("switchboard_cost_usd_total", series);
        enqueue("anthropic/synthetic-cache-write-1h.json");
        OpenApiContract.jsonRequest().body("{\"messages\":" + QUESTION + "}").post("/v1/generate?provider=anthropic")
                .then().statusCode(200);
        assertThat(StreamRouteTest.metric("switchboard_cost_usd_total", series) - before).isCloseTo(0.0031203,
                within(1e-12));
    }

    private static void assertCost(Response response, double expected) {
        String header = response.then().statusCode(200).extract().header(COST);
        assertThat(header).as("the %s header", COST).isNotNull();
        assertThat(Double.parseDouble(header)).isCloseTo(expected, within(1e-12));
    }

    private void enqueue(String fixture) {
        if (fixture != null) {
            fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(fixture)));
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
