package io.switchboard.providers.mistral;

import static io.switchboard.providers.mistral.MistralStreamParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

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
class MistralProviderTest extends FakeUpstreamTest {

    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"How do I cross the street?\"}]}";

    private void assertSentToMistral(boolean stream) {
        FakeUpstream.Received sent = fake.lastRequest();
        assertThat(sent.path).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer test-key");
        assertThat(JsonPath.from(sent.body).getBoolean("stream")).isEqualTo(stream);
        UpstreamSpec.assertValid("mistral", "/v1/chat/completions", sent);
    }

    @Test
    void should_generate_text_from_a_recorded_answer() {
        fake.enqueue(FakeUpstream.json(200, fixture("text.json")));
        post("/v1/generate", "mistral", HELLO).then().statusCode(200)
                .body("content", equalTo("The capital of France is "))
                .body("thinking", nullValue())
                .body("finish_reason", equalTo("stop"))
                .body("usage.input_tokens", equalTo(28))
                .body("usage.output_tokens", equalTo(6))
                .body("metadata.provider", equalTo("mistral"))
                .body("metadata.model", equalTo("mistral-small-latest"))
                .body("metadata.provider_finish_reason", equalTo("stop"));
        assertSentToMistral(false);
    }

    @Test
    void should_generate_a_tool_call_and_send_tools_in_mistral_form() {
        fake.enqueue(FakeUpstream.json(200, fixture("tool-call.json")));
        post("/v1/generate", "mistral", """
                {"messages":[{"role":"user","content":"What's the weather in Paris?"}],
                 "tools":[{"name":"get_weather","description":"Get the current weather for a city.",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}
                """).then().statusCode(200)
                .body("finish_reason", equalTo("tool_calls"))
                .body("tool_calls[0].id", equalTo("KikbB849t"))
                .body("tool_calls[0].name", equalTo("get_weather"))
                .body("tool_calls[0].arguments.city", equalTo("Paris"))
                .body("usage.cache_read_input_tokens", equalTo(76));
        assertSentToMistral(false);
        assertThat(JsonPath.from(fake.lastRequest().body).getString("tools[0].function.name")).isEqualTo("get_weather");
    }

    @Test
    void should_generate_magistral_thinking_and_text() {
        fake.enqueue(FakeUpstream.json(200, fixture("magistral-thinking.json")));
        post("/v1/generate", "mistral", HELLO).then().statusCode(200)
                .body("thinking", startsWith("**Analogizing crossing a river**"))
                .body("content", startsWith("Crossing a river is quite different"));
    }

    @Test
    void should_generate_thinking_of_mistral_small_and_send_reasoning_effort() {
        fake.enqueue(FakeUpstream.json(200, fixture("small-reasoning-effort.json")));
        post("/v1/generate", "mistral",
                "{\"thinking_budget\":1024,\"messages\":[{\"role\":\"user\",\"content\":\"What is 2+2?\"}]}")
                .then().statusCode(200)
                .body("content", equalTo("4"))
                .body("thinking", startsWith("The user is asking for the result of 2+2."));
        assertSentToMistral(false);
        assertThat(JsonPath.from(fake.lastRequest().body).getString("reasoning_effort")).isEqualTo("high");
    }

    @Test
    void should_stream_magistral_thinking_then_text_in_small_chunks() {
        // 61-byte reads split lines, JSON and UTF-8 characters; much smaller reads overflow the fake's recursive writer
        fake.enqueue(FakeUpstream.sse(Chunks.everyBytes(fixture("magistral-thinking-stream.sse"), 61)));
        String body = post("/v1/stream", "mistral", HELLO).then().statusCode(200).extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(SseEvents.thinking(events)).startsWith("Okay, the user is asking how to cross the street.");
        assertThat(SseEvents.text(events)).endsWith("you can ensure a safe crossing.");
        SseEvents.Event done = events.get(events.size() - 1);
        assertThat(done.event()).isEqualTo("done");
        assertThat(done.json().getString("finish_reason")).isEqualTo("stop");
        assertThat(done.json().getInt("usage.input_tokens")).isEqualTo(10);
        assertThat(done.json().getInt("usage.output_tokens")).isEqualTo(232);
        assertSentToMistral(true);
    }

    @Test
    void should_stream_tool_calls_and_translate_history_ids() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(fixture("tool-call-stream.sse"), "\n\n")));
        String body = post("/v1/stream", "mistral",
                """
                        {"messages":[{"role":"user","content":"Weather in Paris?"},
                          {"role":"assistant","content":[{"type":"thinking","thinking":"Use the tool."},
                             {"type":"tool_call","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","arguments":{"city":"Paris"}}]},
                          {"role":"tool","content":[{"type":"tool_result","tool_call_id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","result":"22C"}]},
                          {"role":"user","content":"And Lyon?"}],
                         "tools":[{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}
                        """)
                .then().statusCode(200).extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(SseEvents.types(events)).containsExactly("tool_call", "tool_call", "done");
        assertThat(events.get(0).json().getString("id")).isEqualTo("D681PevKs");
        assertThat(events.get(1).json().getString("arguments.city")).isEqualTo("Lyon");
        assertThat(events.get(2).json().getString("finish_reason")).isEqualTo("tool_calls");
        assertSentToMistral(true);
        JsonPath sent = JsonPath.from(fake.lastRequest().body);
        String callId = sent.getString("messages[1].tool_calls[0].id");
        assertThat(callId).matches("[A-Za-z0-9]{9}").isEqualTo(sent.getString("messages[2].tool_call_id"));
        assertThat(sent.getString("messages[1].content[0].type")).isEqualTo("thinking");
    }

    @Test
    void should_stream_think_tags_in_string_content_as_thinking() {
        fake.enqueue(FakeUpstream.sse(Chunks.every(fixture("think-tags-stream.sse"), 5)));
        List<SseEvents.Event> events = SseEvents.parse(
                post("/v1/stream", "mistral", HELLO).then().statusCode(200).extract().asString());
        assertThat(SseEvents.thinking(events)).isEqualTo("The user wants a number.");
        assertThat(SseEvents.text(events)).isEqualTo("42");
    }

    @Test
    void should_end_with_an_error_event_when_mistral_sends_an_error_object_mid_stream() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(fixture("error-mid-stream.sse"), "\n\n")));
        List<SseEvents.Event> events = SseEvents.parse(
                post("/v1/stream", "mistral", HELLO).then().statusCode(200).extract().asString());
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "text_delta", "error");
        JsonPath error = events.get(2).json();
        assertThat(error.getString("error.message")).contains("Service unavailable, please retry.");
        assertThat(error.getBoolean("error.retryable")).isTrue();
        assertThat(error.getString("error.provider")).isEqualTo("mistral");
    }

}
