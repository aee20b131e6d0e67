package io.switchboard.providers.ollama;

import static io.switchboard.providers.ollama.OllamaStreamParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OllamaProviderTest extends FakeUpstreamTest {

    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}]}";

    private JsonPath assertSentToOllama(boolean stream) {
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo("/api/chat");
        UpstreamSpec.assertValid("ollama", "/api/chat", sent);
        JsonPath body = JsonPath.from(sent.body);
        assertThat(body.getBoolean("stream")).isEqualTo(stream);
        return body;
    }

    @Test
    void should_generate_text_without_auth_by_default() {
        fake.enqueue(FakeUpstream.json(200, fixture("text.json")));
        post("/v1/generate", "ollama", HELLO).then().statusCode(200)
                .body("content", equalTo("4200 + 42 = 4242\n"))
                .body("thinking", nullValue())
                .body("finish_reason", equalTo("stop"))
                .body("usage.input_tokens", equalTo(21))
                .body("usage.output_tokens", equalTo(16))
                .body("metadata.provider", equalTo("ollama"))
                .body("metadata.model", equalTo("qwen3:0.6b"));
        JsonPath sent = assertSentToOllama(false);
        assertThat(fake.lastRequest().header("Authorization")).isNull();
        assertThat(sent.getDouble("options.temperature")).isEqualTo(0.7);
        assertThat(sent.getString("model")).isEqualTo("qwen3:0.6b");
    }

    @Test
    void should_generate_native_thinking_and_send_think() {
        fake.enqueue(FakeUpstream.json(200, fixture("thinking.json")));
        post("/v1/generate", "ollama", "{\"thinking_budget\":512,\"messages\":[{\"role\":\"user\",\"content\":\"Capital?\"}]}")
                .then().statusCode(200)
                .body("thinking", startsWith("Okay, the user is asking for the capital of France."))
                .body("content", equalTo("{ \"city\": \"Paris\", \"country\": \"France\" }"));
        assertThat(assertSentToOllama(false).getBoolean("think")).isTrue();
    }

    @Test
    void should_generate_a_tool_call_with_a_generated_id() {
        fake.enqueue(FakeUpstream.json(200, fixture("tool-call.json")));
        post("/v1/generate", "ollama", """
                {"messages":[{"role":"user","content":"Capital of France?"}],
                 "tools":[{"name":"final_result","description":"The answer",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"},"country":{"type":"string"}}}}]}
                """).then().statusCode(200)
                .body("finish_reason", equalTo("tool_calls"))
                .body("metadata.provider_finish_reason", equalTo("stop"))
                .body("tool_calls[0].id", matchesPattern("call_[A-Za-z0-9]{24}"))
                .body("tool_calls[0].name", equalTo("final_result"))
                .body("tool_calls[0].arguments.country", equalTo("France"));
        assertThat(assertSentToOllama(false).getString("tools[0].function.name")).isEqualTo("final_result");
    }

    @Test
    void should_stream_thinking_then_text_then_tool_calls_from_lines_split_across_reads() {
        fake.enqueue(FakeUpstream.ndjson(Chunks.everyBytes(fixture("thinking-text-tools-stream.ndjson"), 5)));
        String body = post("/v1/stream", "ollama", """
                {"reasoning_effort":"high","messages":[{"role":"user","content":"Weather in Paris?"}]}
                """).then().statusCode(200).extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(SseEvents.thinking(events)).isEqualTo("The user wants the weather in Paris. I will call the tool.");
        assertThat(SseEvents.text(events)).isEqualTo("Let me check the weather — ☀️?");
        List<String> types = SseEvents.types(events);
        assertThat(types.get(0)).isEqualTo("thinking_delta");
        assertThat(types.subList(types.size() - 3, types.size())).containsExactly("tool_call", "tool_call", "done");
        assertThat(types.lastIndexOf("thinking_delta")).isLessThan(types.indexOf("text_delta"));
        SseEvents.Event done = events.get(events.size() - 1);
        assertThat(done.json().getString("finish_reason")).isEqualTo("tool_calls");
        assertThat(done.json().getInt("usage.input_tokens")).isEqualTo(42);
        assertThat(done.json().getInt("usage.output_tokens")).isEqualTo(57);
        assertThat(assertSentToOllama(true).getString("think")).isEqualTo("high");
    }

    /**
     * Not checked against the stored spec: its ChatMessage lacks {@code thinking} and {@code tool_name},
     * which Ollama's API documentation describes and its server reads (the snapshot is stricter than the service).
     */
    @Test
    void should_echo_thinking_tool_calls_and_named_tool_results_in_history() {
        fake.enqueue(FakeUpstream.json(200, fixture("text.json")));
        post("/v1/generate", "ollama",
                """
                        {"messages":[{"role":"user","content":"Weather in Paris?"},
                          {"role":"assistant","content":[{"type":"thinking","thinking":"Earlier thought."},
                             {"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris"}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"call_1","name":"get_weather","result":"22C"}]}]}
                        """)
                .then().statusCode(200);
        JsonPath sent = JsonPath.from(fake.lastRequest().body);
        assertThat(sent.getString("messages[1].thinking")).isEqualTo("Earlier thought.");
        assertThat(sent.getString("messages[1].tool_calls[0].function.arguments.city")).isEqualTo("Paris");
        assertThat(sent.getString("messages[2].tool_name")).isEqualTo("get_weather");
        assertThat(sent.getString("messages[2].content")).isEqualTo("22C");
    }

    @Test
    void should_stream_inline_think_tags_as_thinking() {
        fake.enqueue(FakeUpstream.ndjson(Chunks.after(fixture("think-inline-stream.ndjson"), "\n")));
        List<SseEvents.Event> events = SseEvents.parse(
                post("/v1/stream", "ollama", HELLO).then().statusCode(200).extract().asString());
        assertThat(SseEvents.thinking(events)).isEqualTo("Two plus two is four.");
        assertThat(SseEvents.text(events)).isEqualTo("4");
    }

    @Test
    void should_stream_length_when_done_reason_is_length() {
        fake.enqueue(FakeUpstream.ndjson(Chunks.whole(fixture("length-stream.ndjson"))));
        List<SseEvents.Event> events = SseEvents.parse(
                post("/v1/stream", "ollama",
                        "{\"max_tokens\":3,\"messages\":[{\"role\":\"user\",\"content\":\"Tell a story\"}]}")
                        .then().statusCode(200).extract().asString());
        SseEvents.Event done = events.get(events.size() - 1);
        assertThat(done.event()).isEqualTo("done");
        assertThat(done.json().getString("finish_reason")).isEqualTo("length");
        assertThat(done.json().getString("metadata.provider_finish_reason")).isEqualTo("length");
        assertThat(assertSentToOllama(true).getInt("options.num_predict")).isEqualTo(3);
    }

    @Test
    void should_end_with_an_error_event_on_an_error_line() {
        fake.enqueue(FakeUpstream.ndjson(Chunks.after(fixture("error-line-stream.ndjson"), "\n")));
        List<SseEvents.Event> events = SseEvents.parse(
                post("/v1/stream", "ollama", HELLO).then().statusCode(200).extract().asString());
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "error");
        JsonPath error = events.get(1).json();
        assertThat(error.getString("error.message")).contains("error parsing tool call");
        assertThat(error.getBoolean("error.retryable")).isTrue();
        assertThat(error.getString("error.provider")).isEqualTo("ollama");
    }

    @Test
    void should_send_a_configured_key_as_bearer_and_keep_alive() {
        fake.enqueue(FakeUpstream.json(200, fixture("text.json")));
        post("/v1/generate", "ollama-proxied", HELLO).then().statusCode(200);
        assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer ollama-proxy-key");
        assertThat(assertSentToOllama(false).getString("keep_alive")).isEqualTo("5m");
    }

    @Test
    void should_refuse_an_image_url_naming_the_field_when_fetching_is_off() {
        post("/v1/generate", "ollama", """
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
                   {"type":"image","url":"https://example.com/cat.png"}]}]}
                """).then().statusCode(400)
                .body("error.type", equalTo("invalid_request"))
                .body("error.message", startsWith("messages[0].content[1].url: "));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_send_data_uri_images_as_bare_base64() {
        fake.enqueue(FakeUpstream.json(200, fixture("text.json")));
        post("/v1/generate", "ollama", """
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
                   {"type":"image","url":"data:image/png;base64,iVBORw0KGgo="}]}]}
                """).then().statusCode(200);
        assertThat(assertSentToOllama(false).getList("messages[0].images")).containsExactly("iVBORw0KGgo=");
    }

    @Test
    void should_fetch_an_image_url_and_send_it_inline_when_allowed() {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2, 3 };
        fake.enqueue(FakeUpstream.of(200, "image/png", List.of(png)));
        fake.enqueue(FakeUpstream.ndjson(Chunks.whole(fixture("length-stream.ndjson"))));
        post("/v1/stream", "ollama-fetch", """
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
                   {"type":"image","url":"%s/images/cat.png"}]}]}
                """.formatted(fake.url())).then().statusCode(200);
        assertThat(fake.requests()).hasSize(2);
        assertThat(fake.requests().get(0).path).isEqualTo("/images/cat.png");
        assertThat(fake.requests().get(0).method).isEqualTo("GET");
        assertThat(assertSentToOllama(true).getList("messages[0].images"))
                .containsExactly(Base64.getEncoder().encodeToString(png));
    }

    @Test
    void should_refuse_an_image_larger_than_the_limit() {
        fake.enqueue(FakeUpstream.of(200, "image/png", List.of("x".repeat(2048))));
        post("/v1/generate", "ollama-fetch", """
                {"messages":[{"role":"user","content":[{"type":"image","url":"%s/big.png"}]}]}
                """.formatted(fake.url())).then().statusCode(400)
                .body("error.message", startsWith("messages[0].content[0].url: the image is larger than"));
    }

    @Test
    void should_refuse_an_image_on_a_loopback_address_unless_allowed() {
        post("/v1/generate", "ollama-fetch-public", """
                {"messages":[{"role":"user","content":[{"type":"text","text":"x"},{"type":"image","url":"%s/cat.png"}]}]}
                """.formatted(fake.url())).then().statusCode(400)
                .body("error.message", startsWith("messages[0].content[1].url: the host resolves to a private or loopback"));
        assertThat(fake.requests()).isEmpty();
    }

}
