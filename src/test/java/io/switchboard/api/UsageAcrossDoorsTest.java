package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseEvents;

/**
 * One upstream answer, recorded (or, where no recording has the counter, built from the provider's documented
 * payload: the {@code synthetic-} fixtures), read through every door: the native usage has the expected disjoint
 * counters, and each door's own counters add up to the same total. A whole answer goes through {@code /v1/generate},
 * {@code /v1/chat/completions}, {@code /v1/messages}, {@code /v1/responses} and {@code :generateContent}; a streamed
 * one through {@code /v1/stream}, the streamed Chat Completions with and without {@code include_usage},
 * {@code /v1/messages}, {@code /v1/responses} and {@code :streamGenerateContent}. Every answer is checked against
 * {@code openapi.yaml}.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class UsageAcrossDoorsTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "[{\"role\":\"user\",\"content\":\"What is Python?\"}]";
    private static final List<String> DISJOINT = List.of("input_tokens", "cache_read_input_tokens",
            "cache_creation_input_tokens", "output_tokens", "reasoning_tokens");

    /** The native counters, in the order input, output, cache read, cache creation, reasoning, of it 1h; null = absent. */
    private static Map<String, Integer> usage(Integer input, Integer output, Integer cacheRead, Integer cacheCreation,
            Integer reasoning, Integer cacheCreation1h) {
        Map<String, Integer> usage = new LinkedHashMap<>();
        put(usage, "input_tokens", input);
        put(usage, "output_tokens", output);
        put(usage, "cache_read_input_tokens", cacheRead);
        put(usage, "cache_creation_input_tokens", cacheCreation);
        put(usage, "reasoning_tokens", reasoning);
        put(usage, "cache_creation_1h_input_tokens", cacheCreation1h);
        return usage;
    }

    private static void put(Map<String, Integer> usage, String key, Integer value) {
        if (value != null) {
            usage.put(key, value);
        }
    }

    static Stream<Arguments> wholeAnswers() {
        return Stream.of(
                Arguments.of("anthropic", "anthropic/cache-read-usage.json", usage(3, 33, 1111, 418, null, 0)),
                Arguments.of("anthropic", "anthropic/synthetic-cache-write-1h.json", usage(3, 33, 1111, 418, null, 318)),
                // o3-mini: 87 completion tokens, 64 of them reasoning
                Arguments.of("openai", "openai/openai-chat-reasoning-model-usage.json", usage(7, 23, null, null, 64, null)),
                Arguments.of("openai", "openai/synthetic-cached-reasoning-usage.json",
                        usage(86, 108, 1920, null, 192, null)),
                Arguments.of("vllm", "vllm/vllm-reasoning-content.json", usage(70, 34, null, null, null, null)),
                Arguments.of("mistral", "mistral/magistral-thinking.json", usage(664, 747, null, null, null, null)),
                Arguments.of("gemini", "gemini/thought-parts.json", usage(30, 136, null, null, 1754, null)),
                // 1200 prompt tokens of which 1024 cached, plus a 70-token tool-use prompt
                Arguments.of("gemini", "gemini/synthetic-cached-tool-use-thoughts-usage.json",
                        usage(246, 40, 1024, null, 76, null)));
    }

    static Stream<Arguments> streamedAnswers() {
        return Stream.of(
                // compaction: the sum of message_delta's iterations (input 100 + 181, output 83 + 8)
                Arguments.of("anthropic", "anthropic/cache-read-usage-stream.sse", usage(281, 91, 55096, 0, null, 0)),
                // message_delta's cumulative counters, the TTL split from message_start
                Arguments.of("anthropic", "anthropic/synthetic-cache-write-1h-stream.sse",
                        usage(3, 33, 1111, 418, null, 318)),
                Arguments.of("openai", "openai/synthetic-cached-reasoning-usage-stream.sse",
                        usage(86, 108, 1920, null, 192, null)),
                Arguments.of("openai", "openai/deepseek-reasoning-content-stream.sse", usage(6, 14, null, null, 198, null)),
                Arguments.of("mistral", "mistral/magistral-thinking-stream.sse", usage(10, 232, null, null, null, null)),
                Arguments.of("gemini", "gemini/thought-parts-stream.sse", usage(30, 0, null, null, 1947, null)),
                Arguments.of("gemini", "gemini/synthetic-cached-tool-use-thoughts-usage-stream.sse",
                        usage(246, 40, 1024, null, 76, null)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wholeAnswers")
    void should_count_a_whole_answer_the_same_on_every_door(String provider, String fixture,
            Map<String, Integer> expected) {
        int total = total(expected);

        JsonNode generate = answer(fixture, "/v1/generate?provider=" + provider,
                "{\"messages\":" + QUESTION + "}");
        assertThat(counters(generate.get("usage"))).isEqualTo(expected);

        JsonNode chat = answer(fixture, "/v1/chat/completions",
                "{\"model\":\"" + provider + "\",\"messages\":" + QUESTION + "}");
        assertChatUsage(chat.get("usage"), expected, total);

        JsonNode messages = answer(fixture, "/v1/messages",
                "{\"model\":\"" + provider + "\",\"max_tokens\":1024,\"messages\":" + QUESTION + "}");
        assertMessagesUsage(messages.get("usage"), expected, total);

        JsonNode responses = answer(fixture, "/v1/responses",
                "{\"model\":\"" + provider + "\",\"store\":false,\"input\":\"What is Python?\"}");
        assertResponsesUsage(responses.get("usage"), expected, total);

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(fixture)));
        JsonNode gemini = read(gemini(provider, "generateContent").asString());
        assertGeminiUsage(gemini.get("usageMetadata"), expected, total);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("streamedAnswers")
    void should_count_a_streamed_answer_the_same_on_every_door(String provider, String fixture,
            Map<String, Integer> expected) {
        int total = total(expected);

        List<SseEvents.Event> events = stream(fixture, "/v1/stream?provider=" + provider,
                "{\"messages\":" + QUESTION + "}");
        events.forEach(event -> OpenApiContract.assertValidStreamEvent(event.data()));
        assertThat(counters(read(events.getLast().data()).get("usage"))).isEqualTo(expected);

        List<SseEvents.Event> chat = stream(fixture, "/v1/chat/completions", "{\"model\":\"" + provider
                + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":" + QUESTION + "}");
        assertThat(chat.getLast().data()).isEqualTo("[DONE]");
        JsonNode usageChunk = read(chat.get(chat.size() - 2).data());
        OpenApiContract.assertValid("ChatCompletionChunk", usageChunk.toString());
        assertThat(usageChunk.get("choices")).isEmpty();
        assertChatUsage(usageChunk.get("usage"), expected, total);

        List<SseEvents.Event> unasked = stream(fixture, "/v1/chat/completions",
                "{\"model\":\"" + provider + "\",\"stream\":true,\"messages\":" + QUESTION + "}");
        assertThat(unasked.getLast().data()).isEqualTo("[DONE]");
        assertThat(unasked).noneMatch(event -> event.data().contains("\"usage\""));
        if (provider.equals("openai")) {
            // the gateway asks for the usage all the same: the native stream and the metrics need it
            assertThat(read(fake.lastRequest().body).at("/stream_options/include_usage").asBoolean()).isTrue();
        }

        List<SseEvents.Event> messages = stream(fixture, "/v1/messages", "{\"model\":\"" + provider
                + "\",\"max_tokens\":1024,\"stream\":true,\"messages\":" + QUESTION + "}");
        JsonNode delta = messages.stream().filter(event -> "message_delta".equals(event.event())).map(e -> read(e.data()))
                .findFirst().orElseThrow();
        OpenApiContract.assertValid("AnthropicStreamEvent", delta.toString());
        assertMessagesUsage(delta.get("usage"), expected, total);

        List<SseEvents.Event> responses = stream(fixture, "/v1/responses", "{\"model\":\"" + provider
                + "\",\"store\":false,\"stream\":true,\"input\":\"What is Python?\"}");
        JsonNode completed = read(responses.getLast().data());
        OpenApiContract.assertValid("ResponseStreamEvent", completed.toString());
        assertThat(completed.get("type").asText()).isEqualTo("response.completed");
        assertResponsesUsage(completed.at("/response/usage"), expected, total);

        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text(fixture), "\n\n")));
        List<SseEvents.Event> gemini = SseEvents.parse(gemini(provider, "streamGenerateContent?alt=sse").asString());
        JsonNode last = read(gemini.getLast().data());
        OpenApiContract.assertValid("GenerateContentResponse", last.toString());
        assertGeminiUsage(last.get("usageMetadata"), expected, total);
    }

    @Test
    void should_count_the_disjoint_counters_in_the_token_metrics() {
        Map<String, Double> before = tokenMetrics();
        answer("openai/synthetic-cached-reasoning-usage.json", "/v1/generate?provider=openai",
                "{\"messages\":" + QUESTION + "}");
        Map<String, Double> after = tokenMetrics();
        after.replaceAll((series, count) -> count - before.get(series));
        // 2006 prompt tokens of which 1920 cached, 300 completion tokens of which 192 reasoning
        assertThat(after).containsExactlyInAnyOrderEntriesOf(Map.of("input", 86.0, "cache_read", 1920.0,
                "cache_creation", 0.0, "output", 108.0, "reasoning", 192.0, "gen_ai input", 2006.0,
                "gen_ai output", 300.0));
    }

    /** switchboard_tokens_total by direction, and the sums of the GenAI histogram by token type, of provider openai. */
    private static Map<String, Double> tokenMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String direction : List.of("input", "cache_read", "cache_creation", "output", "reasoning")) {
            metrics.put(direction, StreamRouteTest.metric("switchboard_tokens_total", "provider=\"openai\"",
                    "direction=\"" + direction + "\""));
        }
        for (String type : List.of("input", "output")) {
            metrics.put("gen_ai " + type, StreamRouteTest.metric("gen_ai_client_token_usage_tokens_sum",
                    "gen_ai_provider_name=\"openai\"", "gen_ai_token_type=\"" + type + "\""));
        }
        return metrics;
    }

    /** Chat Completions: cached tokens inside prompt_tokens, reasoning inside completion_tokens. */
    private static void assertChatUsage(JsonNode usage, Map<String, Integer> expected, int total) {
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(allInput(expected));
        assertThat(usage.at("/prompt_tokens_details/cached_tokens").asInt())
                .isEqualTo(of(expected, "cache_read_input_tokens"));
        assertThat(usage.at("/prompt_tokens_details/cache_write_tokens").asInt())
                .isEqualTo(of(expected, "cache_creation_input_tokens"));
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(allOutput(expected));
        assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asInt())
                .isEqualTo(of(expected, "reasoning_tokens"));
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(total)
                .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    }

    /** Messages: disjoint input counters, reasoning inside output_tokens, the cache writes split by TTL. */
    private static void assertMessagesUsage(JsonNode usage, Map<String, Integer> expected, int total) {
        assertThat(usage.get("input_tokens").asInt()).isEqualTo(of(expected, "input_tokens"));
        assertThat(usage.get("cache_read_input_tokens").isNull()).isEqualTo(!expected.containsKey("cache_read_input_tokens"));
        assertThat(usage.get("cache_read_input_tokens").asInt()).isEqualTo(of(expected, "cache_read_input_tokens"));
        assertThat(usage.get("cache_creation_input_tokens").asInt()).isEqualTo(of(expected, "cache_creation_input_tokens"));
        assertThat(usage.get("output_tokens").asInt()).isEqualTo(allOutput(expected));
        if (expected.containsKey("cache_creation_input_tokens")) {
            int hour = of(expected, "cache_creation_1h_input_tokens");
            assertThat(usage.at("/cache_creation/ephemeral_1h_input_tokens").asInt()).isEqualTo(hour);
            assertThat(usage.at("/cache_creation/ephemeral_5m_input_tokens").asInt())
                    .isEqualTo(of(expected, "cache_creation_input_tokens") - hour);
        } else {
            assertThat(usage.get("cache_creation").isNull()).isTrue();
        }
        assertThat(usage.get("input_tokens").asInt() + usage.get("cache_read_input_tokens").asInt()
                + usage.get("cache_creation_input_tokens").asInt() + usage.get("output_tokens").asInt())
                .isEqualTo(total);
    }

    /** Responses: cached tokens inside input_tokens, reasoning inside output_tokens. */
    private static void assertResponsesUsage(JsonNode usage, Map<String, Integer> expected, int total) {
        assertThat(usage.get("input_tokens").asInt()).isEqualTo(allInput(expected));
        assertThat(usage.at("/input_tokens_details/cached_tokens").asInt())
                .isEqualTo(of(expected, "cache_read_input_tokens"));
        assertThat(usage.get("output_tokens").asInt()).isEqualTo(allOutput(expected));
        assertThat(usage.at("/output_tokens_details/reasoning_tokens").asInt())
                .isEqualTo(of(expected, "reasoning_tokens"));
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(total)
                .isEqualTo(usage.get("input_tokens").asInt() + usage.get("output_tokens").asInt());
    }

    /** Gemini: cached tokens inside promptTokenCount, thoughts apart from candidatesTokenCount. */
    private static void assertGeminiUsage(JsonNode usage, Map<String, Integer> expected, int total) {
        assertThat(usage.get("promptTokenCount").asInt()).isEqualTo(allInput(expected));
        assertThat(usage.path("cachedContentTokenCount").asInt()).isEqualTo(of(expected, "cache_read_input_tokens"));
        assertThat(usage.get("candidatesTokenCount").asInt()).isEqualTo(of(expected, "output_tokens"));
        assertThat(usage.path("thoughtsTokenCount").asInt()).isEqualTo(of(expected, "reasoning_tokens"));
        assertThat(usage.get("totalTokenCount").asInt()).isEqualTo(total)
                .isEqualTo(usage.get("promptTokenCount").asInt() + usage.get("candidatesTokenCount").asInt()
                        + usage.path("thoughtsTokenCount").asInt());
    }

    private JsonNode answer(String fixture, String path, String body) {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(fixture)));
        return read(OpenApiContract.jsonRequest().body(body).post(path).then().statusCode(200).extract().asString());
    }

    private List<SseEvents.Event> stream(String fixture, String path, String body) {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text(fixture), "\n\n")));
        return SseEvents.parse(OpenApiContract.jsonRequest().body(body).post(path).then().statusCode(200).extract()
                .asString());
    }

    private static io.restassured.response.Response gemini(String provider, String method) {
        return given().filter(OpenApiContract.filter()).urlEncodingEnabled(false).contentType("application/json")
                .body("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"What is Python?\"}]}]}")
                .post("/v1beta/models/" + provider + ":" + method).then().statusCode(200).extract().response();
    }

    private static Map<String, Integer> counters(JsonNode usage) {
        return JSON.convertValue(usage, new TypeReference<LinkedHashMap<String, Integer>>() {
        });
    }

    private static int total(Map<String, Integer> usage) {
        return DISJOINT.stream().mapToInt(key -> of(usage, key)).sum();
    }

    private static int allInput(Map<String, Integer> usage) {
        return of(usage, "input_tokens") + of(usage, "cache_read_input_tokens") + of(usage, "cache_creation_input_tokens");
    }

    private static int allOutput(Map<String, Integer> usage) {
        return of(usage, "output_tokens") + of(usage, "reasoning_tokens");
    }

    private static int of(Map<String, Integer> usage, String key) {
        return usage.getOrDefault(key, 0);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
