package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;

/**
 * Produces the README's compatibility matrix: every cell is a probe through the HTTP API, with the
 * fake upstream answering a recorded exchange of that backend ({@code src/test/resources/fixtures};
 * the few marked {@code synthetic-} there are hand-made in the backend's documented format). A
 * capability without such an exchange is probed with the backend's plain answer, so the cell says
 * what a client actually gets. The test fails when the README's table differs from what it observed;
 * the observed table is written to {@code target/compatibility-matrix.md}.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class CompatibilityMatrixTest extends FakeUpstreamTest {

    static final String START = "<!-- compatibility-matrix:start -->";
    static final String END = "<!-- compatibility-matrix:end -->";
    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Capability {
        TEXT("text"),
        STREAMING("streaming"),
        TOOL_CALLS("tool calls"),
        PARALLEL_TOOL_CALLS("parallel tool calls"),
        STREAMED_TOOL_ARGUMENTS("streamed tool arguments"),
        REASONING("reasoning"),
        SIGNATURE_ROUND_TRIP("reasoning signature round trip"),
        STREAM_USAGE("usage in streams"),
        CACHE_TOKENS("cache tokens"),
        CACHE_BREAKPOINTS("cache breakpoints"),
        PROMPT_CACHE_KEY("prompt cache key"),
        IMAGES("images"),
        ERROR_MAPPING("error mapping"),
        CONTEXT_OVERFLOW("context-overflow detection"),
        RESPONSES_API("Responses API"),
        GEMINI_API("Gemini API"),
        EXACT_TOKEN_COUNT("exact token count"),
        EMBEDDINGS("embeddings");

        final String title;

        Capability(String title) {
            this.title = title;
        }
    }

    /**
     * A backend type: the test provider of that type, how it streams, and the recorded answer
     * (path under {@code fixtures/}) that shows each capability. The mock has no upstream: its
     * probes go to mock providers scripted in the test configuration instead.
     */
    static final class Backend {
        final String type;
        final String provider;
        final boolean ndjson;
        final Map<Capability, String> fixtures = new EnumMap<>(Capability.class);
        final Map<Capability, String> providers = new EnumMap<>(Capability.class);

        Backend(String type, String provider, boolean ndjson) {
            this.type = type;
            this.provider = provider;
            this.ndjson = ndjson;
        }

        Backend with(Capability capability, String fixture) {
            fixtures.put(capability, fixture);
            return this;
        }

        Backend provider(Capability capability, String name) {
            providers.put(capability, name);
            return this;
        }

        boolean mock() {
            return type.equals("mock");
        }

        /** The fixture for a capability; without one, the backend's plain answer. */
        String fixture(Capability capability) {
            boolean stream = capability == Capability.STREAMING || capability == Capability.STREAMED_TOOL_ARGUMENTS
                    || capability == Capability.STREAM_USAGE;
            return fixtures.getOrDefault(capability, fixtures.get(stream ? Capability.STREAMING : Capability.TEXT));
        }

        String providerFor(Capability capability) {
            return providers.getOrDefault(capability, provider);
        }
    }

    static List<Backend> backends() {
        return List.of(openAiWire("openai", "openai", "openai/openai-chat-text.json",
                "openai/deepseek-reasoning-content.json").with(Capability.EMBEDDINGS, "openai/synthetic-embeddings.json")
                // OpenAI's encrypted reasoning comes from the Responses API upstream (api=responses)
                .provider(Capability.SIGNATURE_ROUND_TRIP, "openai-responses")
                .with(Capability.SIGNATURE_ROUND_TRIP, "openai/responses/reasoning-text.json"),
                openAiWire("azure", "azure", "azure/azure-openai-chat-text-content-filter-results.json",
                        "openai/deepseek-reasoning-content.json")
                        .with(Capability.EMBEDDINGS, "azure/synthetic-embeddings.json"),
                openAiWire("vllm", "vllm", "openai/openai-chat-text.json", "vllm/vllm-reasoning-content.json")
                        .with(Capability.EXACT_TOKEN_COUNT, "vllm/synthetic-tokenize-chat.json")
                        .with(Capability.EMBEDDINGS, "vllm/synthetic-embeddings.json"),
                new Backend("anthropic", "anthropic", false)
                        .with(Capability.TEXT, "anthropic/text.json")
                        .with(Capability.STREAMING, "anthropic/text-stream.sse")
                        .with(Capability.TOOL_CALLS, "anthropic/tool-use-parallel.json")
                        .with(Capability.PARALLEL_TOOL_CALLS, "anthropic/tool-use-parallel.json")
                        .with(Capability.STREAMED_TOOL_ARGUMENTS, "anthropic/tool-use-parallel-stream.sse")
                        .with(Capability.REASONING, "anthropic/thinking.json")
                        .with(Capability.SIGNATURE_ROUND_TRIP, "anthropic/thinking.json")
                        .with(Capability.CACHE_TOKENS, "anthropic/cache-read-usage.json")
                        .with(Capability.ERROR_MAPPING, "anthropic/error-429-rate-limit.json")
                        .with(Capability.CONTEXT_OVERFLOW, "anthropic/error-400-prompt-too-long.json")
                        .with(Capability.EXACT_TOKEN_COUNT, "anthropic/synthetic-count-tokens.json"),
                new Backend("gemini", "gemini", false)
                        .with(Capability.TEXT, "gemini/text.json")
                        .with(Capability.STREAMING, "gemini/text-stream.sse")
                        .with(Capability.TOOL_CALLS, "gemini/function-call-parallel.json")
                        .with(Capability.PARALLEL_TOOL_CALLS, "gemini/function-call-parallel.json")
                        .with(Capability.STREAMED_TOOL_ARGUMENTS, "gemini/function-call-parallel-stream.sse")
                        .with(Capability.REASONING, "gemini/thought-parts.json")
                        .with(Capability.SIGNATURE_ROUND_TRIP, "gemini/function-call-parallel.json")
                        .with(Capability.CACHE_TOKENS, "gemini/synthetic-cached-content-usage.json")
                        .with(Capability.ERROR_MAPPING, "gemini/synthetic-error-429-retry-info.error.json")
                        .with(Capability.CONTEXT_OVERFLOW, "gemini/synthetic-error-400-token-count.error.json")
                        .with(Capability.EXACT_TOKEN_COUNT, "gemini/synthetic-count-tokens.json")
                        .with(Capability.EMBEDDINGS, "gemini/synthetic-batch-embeddings.json"),
                new Backend("mistral", "mistral", false)
                        .with(Capability.TEXT, "mistral/text.json")
                        .with(Capability.STREAMING, "mistral/model-length-stream.sse")
                        .with(Capability.TOOL_CALLS, "mistral/tool-call.json")
                        .with(Capability.PARALLEL_TOOL_CALLS, "mistral/synthetic-parallel-tool-calls.json")
                        .with(Capability.STREAMED_TOOL_ARGUMENTS, "mistral/tool-call-stream.sse")
                        .with(Capability.REASONING, "mistral/magistral-thinking.json")
                        .with(Capability.ERROR_MAPPING, "mistral/synthetic-error-429-rate-limited.json")
                        .with(Capability.CONTEXT_OVERFLOW, "mistral/synthetic-error-400-context-length.json")
                        .with(Capability.EMBEDDINGS, "mistral/synthetic-embeddings.json"),
                new Backend("ollama", "ollama", true)
                        .with(Capability.TEXT, "ollama/text.json")
                        .with(Capability.STREAMING, "ollama/length-stream.ndjson")
                        .with(Capability.TOOL_CALLS, "ollama/tool-call.json")
                        .with(Capability.PARALLEL_TOOL_CALLS, "ollama/synthetic-parallel-tool-calls.json")
                        .with(Capability.STREAMED_TOOL_ARGUMENTS, "ollama/thinking-text-tools-stream.ndjson")
                        .with(Capability.REASONING, "ollama/thinking.json")
                        .with(Capability.ERROR_MAPPING, "ollama/synthetic-error-429.json")
                        .with(Capability.EMBEDDINGS, "ollama/synthetic-embeddings.json"),
                new Backend("mock", "mock", false)
                        .provider(Capability.TOOL_CALLS, "mock-tools")
                        .provider(Capability.PARALLEL_TOOL_CALLS, "mock-tools")
                        .provider(Capability.STREAMED_TOOL_ARGUMENTS, "mock-tools")
                        .provider(Capability.REASONING, "mock-tools")
                        .provider(Capability.SIGNATURE_ROUND_TRIP, "mock-tools")
                        .provider(Capability.ERROR_MAPPING, "mock-429")
                        .provider(Capability.CONTEXT_OVERFLOW, "mock-overflow"));
    }

    /** openai, azure and vllm share the Chat Completions wire and its recordings. */
    private static Backend openAiWire(String type, String provider, String text, String reasoning) {
        return new Backend(type, provider, false)
                .with(Capability.TEXT, text)
                .with(Capability.STREAMING, "openai/openai-chat-text-stream-include-usage.sse")
                .with(Capability.TOOL_CALLS, "openai/openai-chat-tool-call.json")
                .with(Capability.PARALLEL_TOOL_CALLS, "openai/openai-chat-parallel-tool-calls.json")
                .with(Capability.STREAMED_TOOL_ARGUMENTS, "openai/openai-chat-tool-call-stream.sse")
                .with(Capability.REASONING, reasoning)
                .with(Capability.SIGNATURE_ROUND_TRIP, reasoning)
                .with(Capability.CACHE_TOKENS, "openai/deepseek-reasoning-tool-call.json")
                .with(Capability.ERROR_MAPPING, "openai/openai-chat-error-429-rate-limit-tokens.json")
                .with(Capability.CONTEXT_OVERFLOW, "openai/openai-chat-error-400-context-length-exceeded.json");
    }

    @Test
    void should_match_the_readme_matrix_when_every_capability_is_probed_through_the_http_api() throws IOException {
        Map<String, Map<Capability, Boolean>> observed = new LinkedHashMap<>();
        for (Backend backend : backends()) {
            Map<Capability, Boolean> row = new EnumMap<>(Capability.class);
            for (Capability capability : Capability.values()) {
                fake.reset();
                row.put(capability, probe(backend, capability));
            }
            observed.put(backend.type, row);
        }
        String table = table(observed);
        Files.writeString(Path.of("target", "compatibility-matrix.md"), table);

        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains(START, END);
        String documented = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END)).strip();
        assertThat(documented).as("README's compatibility matrix against what the probes observed "
                + "(target/compatibility-matrix.md)").isEqualTo(table.strip());
    }

    private boolean probe(Backend backend, Capability capability) throws IOException {
        String provider = backend.providerFor(capability);
        return switch (capability) {
            case TEXT -> answer(backend, capability, HELLO).path("content").asText().length() > 0;
            case STREAMING -> {
                List<SseEvents.Event> events = stream(backend, capability);
                yield events.size() > 1 && events.stream().anyMatch(e -> e.event().equals("text_delta"))
                        && events.getLast().event().equals("done");
            }
            case TOOL_CALLS -> answer(backend, capability, HELLO).path("tool_calls").size() >= 1;
            case PARALLEL_TOOL_CALLS -> answer(backend, capability, HELLO).path("tool_calls").size() >= 2;
            case STREAMED_TOOL_ARGUMENTS -> stream(backend, capability).stream()
                    .filter(e -> e.event().equals("tool_call"))
                    .anyMatch(e -> !e.json().getMap("arguments").isEmpty());
            case REASONING -> answer(backend, capability, HELLO).path("thinking").asText("").length() > 0;
            case SIGNATURE_ROUND_TRIP -> signatureRoundTrip(backend, capability);
            case STREAM_USAGE -> {
                List<SseEvents.Event> events = stream(backend, capability);
                yield !events.isEmpty() && events.getLast().event().equals("done")
                        && events.getLast().json().get("usage.input_tokens") != null
                        && events.getLast().json().get("usage.output_tokens") != null;
            }
            case CACHE_TOKENS -> answer(backend, capability, HELLO).path("usage").has("cache_read_input_tokens");
            case CACHE_BREAKPOINTS -> {
                // a 1h breakpoint, which no backend's automatic caching places
                answer(backend, capability, "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"hi\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]}]}");
                yield fake.requests().stream().anyMatch(request -> request.body.contains("\"ttl\":\"1h\""));
            }
            case PROMPT_CACHE_KEY -> {
                answer(backend, capability, "{\"prompt_cache_key\":\"matrix-probe\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}");
                yield fake.requests().stream().anyMatch(request -> request.body.contains("matrix-probe"));
            }
            case IMAGES -> {
                String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is it?\"},"
                        + "{\"type\":\"image\",\"url\":\"data:image/png;base64," + PIXEL + "\"}]}]}";
                answer(backend, capability, body);
                yield fake.requests().stream().anyMatch(request -> request.body.contains(PIXEL));
            }
            case ERROR_MAPPING -> {
                Response response = post("/v1/generate", provider, HELLO, backend, capability, 429);
                yield response.statusCode() == 429 && response.jsonPath().getBoolean("error.retryable")
                        && "provider_error".equals(response.jsonPath().getString("error.type"));
            }
            case CONTEXT_OVERFLOW -> {
                Response response = post("/v1/generate", provider, HELLO, backend, capability, 400);
                yield response.statusCode() == 400 && response.jsonPath().getBoolean("error.context_overflow");
            }
            case GEMINI_API -> {
                Response response = post("/v1beta/models/" + provider + ":generateContent", provider,
                        "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", backend, capability, 200);
                yield response.statusCode() == 200
                        && !response.jsonPath().getString("candidates[0].content.parts[0].text").isEmpty();
            }
            case RESPONSES_API -> {
                Response response = post("/v1/responses", provider, "{\"model\":\"" + provider + "\",\"input\":\"hi\"}",
                        backend, capability, 200);
                yield response.statusCode() == 200 && "completed".equals(response.jsonPath().getString("status"))
                        && !response.jsonPath().getString("output.find { it.type == 'message' }.content[0].text")
                                .isEmpty();
            }
            // counted by the backend itself, not estimated by the gateway
            case EXACT_TOKEN_COUNT -> {
                Response response = post("/v1/messages/count_tokens", provider, "{\"model\":\"" + provider
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", backend, capability, 200);
                yield response.statusCode() == 200
                        && "exact".equals(response.header(DialectCalls.TOKEN_COUNT_HEADER));
            }
            case EMBEDDINGS -> {
                // two texts, as every recorded answer has two vectors; the mock embeds with any model
                String model = backend.mock() ? provider : provider + "/an-embedding-model";
                Response response = post("/v1/embeddings", provider,
                        "{\"model\":\"" + model + "\",\"input\":[\"hi\",\"there\"]}", backend, capability, 200);
                yield response.statusCode() == 200 && response.jsonPath().getList("data").size() == 2
                        && !response.jsonPath().getList("data[1].embedding").isEmpty();
            }
        };
    }

    /**
     * The signature the backend gave (of the reasoning, or on a tool call) comes back in the answer,
     * and is sent back to the backend when the client returns that turn in history.
     */
    private boolean signatureRoundTrip(Backend backend, Capability capability) throws IOException {
        JsonNode answer = answer(backend, capability, HELLO);
        String signature = answer.path("thinking_signature").asText(null);
        ArrayNode parts = JSON.createArrayNode();
        ArrayNode results = JSON.createArrayNode();
        if (signature != null) {
            parts.addObject().put("type", "thinking").put("thinking", answer.path("thinking").asText(""))
                    .put("signature", signature);
        }
        for (JsonNode call : answer.path("tool_calls")) {
            signature = signature != null ? signature : call.path("metadata").path("thought_signature").asText(null);
            ObjectNode part = parts.addObject().put("type", "tool_call");
            part.setAll((ObjectNode) call);
            results.addObject().put("type", "tool_result").put("tool_call_id", call.path("id").asText())
                    .put("name", call.path("name").asText()).put("result", "{\"ok\":true}");
        }
        if (signature == null) {
            return false;
        }
        if (answer.path("content").asText("").length() > 0) {
            parts.addObject().put("type", "text").put("text", answer.path("content").asText());
        }
        ObjectNode context = JSON.createObjectNode();
        ArrayNode messages = context.putArray("messages");
        messages.addObject().put("role", "user").put("content", "hi");
        messages.addObject().put("role", "assistant").set("content", parts);
        if (!results.isEmpty()) {
            messages.addObject().put("role", "tool").set("content", results);
        }
        messages.addObject().put("role", "user").put("content", "go on");
        fake.reset();
        answer(backend, capability, JSON.writeValueAsString(context));
        // a signature may hold pieces that travel in fields of their own (OpenAI's: an item's id and encrypted content)
        List<String> pieces = List.of(signature.split(" "));
        return fake.requests().stream().anyMatch(request -> pieces.stream().allMatch(request.body::contains));
    }

    private JsonNode answer(Backend backend, Capability capability, String body) throws IOException {
        Response response = post("/v1/generate", backend.providerFor(capability), body, backend, capability, 200);
        return response.statusCode() == 200 ? JSON.readTree(response.asString()) : JSON.createObjectNode();
    }

    private List<SseEvents.Event> stream(Backend backend, Capability capability) throws IOException {
        Response response = post("/v1/stream", backend.providerFor(capability), HELLO, backend, capability, 200);
        return response.statusCode() == 200 ? SseEvents.parse(response.asString()) : List.of();
    }

    private Response post(String path, String provider, String body, Backend backend, Capability capability,
            int upstreamStatus) throws IOException {
        if (!backend.mock()) {
            String text = fixture(backend.fixture(capability));
            // without a recorded error, the backend's plain answer comes with its 200
            int status = backend.fixtures.containsKey(capability) ? upstreamStatus : 200;
            boolean streamed = path.equals("/v1/stream") && status == 200;
            fake.enqueue(!streamed ? FakeUpstream.json(status, text)
                    : backend.ndjson ? FakeUpstream.ndjson(Chunks.after(text, "\n"))
                            : FakeUpstream.sse(Chunks.after(text, "\n\n")));
        }
        return given().contentType("application/json").queryParam("provider", provider).body(body)
                .urlEncodingEnabled(false).post(path);
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = CompatibilityMatrixTest.class.getResourceAsStream("/fixtures/" + path)) {
            assertThat(in).as("fixture %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String table(Map<String, Map<Capability, Boolean>> observed) {
        StringBuilder table = new StringBuilder("| type |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Capability capability : Capability.values()) {
            table.append(' ').append(capability.title).append(" |");
            rule.append(":-:|");
        }
        table.append('\n').append(rule).append('\n');
        observed.forEach((type, row) -> {
            table.append("| `").append(type).append("` |");
            row.values().forEach(yes -> table.append(yes ? " yes |" : " no |"));
            table.append('\n');
        });
        return table.toString();
    }
}
