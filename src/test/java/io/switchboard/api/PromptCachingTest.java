package io.switchboard.api;

import static io.switchboard.testsupport.OpenApiContract.invalidRequest;
import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.UpstreamSpec;

/**
 * Prompt caching through every door: the client's {@code cache_control} breakpoints reach an Anthropic backend on
 * the blocks they were put on (the native API and {@code /v1/messages}), the automatic ones only when the client
 * placed none, Anthropic's rules (four breakpoints, 1h before 5m) answered with a 400 before the call, a route's
 * {@code cache-system-prompt}, and {@code prompt_cache_key} passed on to OpenAI-type backends.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class PromptCachingTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    private static final String HOUR = "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}";
    private static final String DEFAULT = "{\"type\":\"ephemeral\"}";

    private void answerAnthropic() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(fake.lastRequest().body);
    }

    /** Where the sent body carries breakpoints, as JSON pointers in the body's order. */
    private static java.util.List<String> breakpoints(JsonNode node, String at) {
        java.util.List<String> found = new java.util.ArrayList<>();
        if (node.has("cache_control")) {
            found.add(at);
        }
        if (node.isContainerNode()) {
            var names = node.fieldNames();
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    found.addAll(breakpoints(node.get(i), at + "/" + i));
                }
            } else {
                while (names.hasNext()) {
                    String name = names.next();
                    if (!name.equals("cache_control")) {
                        found.addAll(breakpoints(node.get(name), at + "/" + name));
                    }
                }
            }
        }
        return found;
    }

    private void assertValidAnthropicRequest() {
        UpstreamSpec.assertValid("anthropic", "/v1/messages", fake.lastRequest());
    }

    @Test
    void should_send_the_native_breakpoints_where_they_were_put_and_no_automatic_ones() throws Exception {
        answerAnthropic();
        jsonRequest().body("""
                {"system_prompt":"Be brief.","system_cache_control":%s,
                 "tools":[{"name":"a","description":"A","parameters":{"type":"object","properties":{}},"cache_control":%s},
                          {"name":"b","description":"B","parameters":{"type":"object","properties":{}}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Look.","cache_control":%s},
                                                       {"type":"text","text":"Closely."}]},
                             {"role":"assistant","content":"Looking."},
                             {"role":"user","content":"Well?"}]}""".formatted(HOUR, HOUR, DEFAULT))
                .post("/v1/generate?provider=anthropic").then().statusCode(200);
        JsonNode body = sentBody();
        assertThat(breakpoints(body, "")).containsExactlyInAnyOrder("/tools/0", "/system/0", "/messages/0/content/0");
        assertThat(body.at("/tools/0/cache_control").toString()).isEqualTo(HOUR);
        assertThat(body.at("/system/0/cache_control").toString()).isEqualTo(HOUR);
        assertThat(body.at("/messages/0/content/0/cache_control").toString()).isEqualTo(DEFAULT);
        assertValidAnthropicRequest();

        answerAnthropic();
        jsonRequest().body("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"What is it?"},
                               {"type":"image","url":"data:image/png;base64,%s","cache_control":%s}]},
                             {"role":"assistant","content":[{"type":"tool_call","id":"toolu_1","name":"look",
                               "arguments":{},"cache_control":%s}]},
                             {"role":"tool","content":[{"type":"tool_result","tool_call_id":"toolu_1","name":"look",
                               "result":[{"type":"text","text":"a cat","cache_control":%s}],"cache_control":%s}]}]}"""
                .formatted(PIXEL, HOUR, DEFAULT, DEFAULT, DEFAULT))
                .post("/v1/generate?provider=anthropic").then().statusCode(200);
        assertThat(breakpoints(sentBody(), "")).containsExactlyInAnyOrder("/messages/0/content/1", "/messages/1/content/0",
                "/messages/2/content/0", "/messages/2/content/0/content/0");
        assertValidAnthropicRequest();
    }

    @Test
    void should_place_the_automatic_breakpoints_only_when_the_client_placed_none() throws Exception {
        String request = """
                {"system_prompt":"Be brief.",
                 "tools":[{"name":"a","description":"A","parameters":{"type":"object","properties":{}}}],
                 "messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello."},
                             {"role":"user","content":[{"type":"text","text":"Bye"%s}]}]}""";
        answerAnthropic();
        jsonRequest().body(request.formatted("")).post("/v1/generate?provider=anthropic").then().statusCode(200);
        assertThat(breakpoints(sentBody(), "")).containsExactlyInAnyOrder("/tools/0", "/system/0", "/messages/1/content/0",
                "/messages/2/content/0");

        answerAnthropic();
        jsonRequest().body(request.formatted(",\"cache_control\":" + DEFAULT)).post("/v1/generate?provider=anthropic")
                .then().statusCode(200);
        assertThat(breakpoints(sentBody(), "")).containsExactlyInAnyOrder("/messages/2/content/0");
        assertValidAnthropicRequest();
    }

    @Test
    void should_send_the_breakpoints_of_a_messages_request_where_they_were_put() throws Exception {
        answerAnthropic();
        jsonRequest()
                .body("""
                        {"model":"anthropic","max_tokens":512,
                         "system":[{"type":"text","text":"You are terse.","cache_control":%s},{"type":"text","text":"Today is Monday."}],
                         "tools":[{"name":"look","description":"Looks","input_schema":{"type":"object"},"cache_control":%s}],
                         "messages":[{"role":"user","content":[{"type":"text","text":"Look.","cache_control":%s}]},
                                     {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"look","input":{}}]},
                                     {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a cat",
                                                                "cache_control":%s}]}]}"""
                        .formatted(HOUR, HOUR, DEFAULT, DEFAULT))
                .post("/v1/messages").then().statusCode(200);
        JsonNode body = sentBody();
        assertThat(breakpoints(body, "")).containsExactlyInAnyOrder("/tools/0", "/system/0", "/messages/0/content/0",
                "/messages/2/content/0");
        assertThat(body.at("/system/0/cache_control").toString()).isEqualTo(HOUR);
        assertThat(body.at("/system/0/text").asText()).isEqualTo("You are terse.");
        assertThat(body.at("/system/1/text").asText()).isEqualTo("Today is Monday.");
        assertValidAnthropicRequest();

        answerAnthropic();
        jsonRequest()
                .body("""
                        {"model":"anthropic","max_tokens":512,
                         "system":[{"type":"text","text":"You are terse."},{"type":"text","text":"Today is Monday.","cache_control":%s}],
                         "messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png",
                                       "data":"%s"},"cache_control":%s}]},
                                     {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"look","input":{},
                                       "cache_control":%s}]},
                                     {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1",
                                       "content":[{"type":"text","text":"a cat","cache_control":%s}]}]}]}"""
                        .formatted(HOUR, PIXEL, HOUR, DEFAULT, DEFAULT))
                .post("/v1/messages").then().statusCode(200);
        body = sentBody();
        assertThat(breakpoints(body, "")).containsExactlyInAnyOrder("/system/0", "/messages/0/content/0",
                "/messages/1/content/0",
                "/messages/2/content/0/content/0");
        assertThat(body.at("/system/0/text").asText()).isEqualTo("You are terse.\nToday is Monday.");
        assertValidAnthropicRequest();
    }

    @Test
    void should_refuse_five_breakpoints_or_a_1h_one_after_a_5m_one_before_calling_anthropic() {
        String five = """
                {"system_prompt":"Be brief.","system_cache_control":%s,
                 "messages":[{"role":"user","content":[{"type":"text","text":"1","cache_control":%s},
                   {"type":"text","text":"2","cache_control":%s},{"type":"text","text":"3","cache_control":%s},
                   {"type":"text","text":"4","cache_control":%s}]}]}""".formatted(DEFAULT, DEFAULT, DEFAULT, DEFAULT,
                DEFAULT);
        jsonRequest().body(five).post("/v1/generate?provider=anthropic").then().statusCode(400)
                .body("error.type", equalTo("invalid_request")).body("error.message", equalTo(
                        "cache_control: an Anthropic backend takes at most 4 cache breakpoints (system, tools and "
                                + "content together), got 5"));
        jsonRequest().body("""
                {"model":"anthropic","max_tokens":512,"system":[{"type":"text","text":"Be brief.","cache_control":%s}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi","cache_control":%s}]}]}"""
                .formatted(DEFAULT, HOUR)).post("/v1/messages").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", equalTo("cache_control.ttl: on an Anthropic backend a 1h breakpoint must come "
                        + "before every 5m one (in the order tools, system, messages), got 1h after 5m"));
        assertThat(fake.requests()).isEmpty();

        // backends without explicit caching ignore the breakpoints, so they take five
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        jsonRequest().body(five).post("/v1/generate?provider=openai").then().statusCode(200);
        assertThat(fake.lastRequest().body).doesNotContain("cache_control");
    }

    @Test
    void should_name_the_field_of_an_invalid_breakpoint() {
        invalidRequest().body("""
                {"messages":[{"role":"user","content":[{"type":"text","text":"Hi"},
                  {"type":"text","text":"there","cache_control":{"type":"ephemeral","ttl":"2h"}}]}]}""")
                .post("/v1/generate?provider=anthropic").then().statusCode(400)
                .body("error.message", equalTo("messages[0].content[1].cache_control.ttl: unknown \"2h\" (5m or 1h)"));
        invalidRequest().body("{\"system_prompt\":\"Hi\",\"system_cache_control\":{\"type\":\"persistent\"},"
                + "\"messages\":[]}").post("/v1/generate?provider=anthropic").then().statusCode(400)
                .body("error.message", equalTo("system_cache_control.type: unknown \"persistent\" (only ephemeral)"));
        invalidRequest().body("""
                {"tools":[{"name":"a","cache_control":{"ttl":"1h"}}],"messages":[]}""")
                .post("/v1/generate?provider=anthropic").then().statusCode(400)
                .body("error.message", equalTo("tools[0].cache_control.type: required (only ephemeral)"));
        invalidRequest().body("""
                {"model":"anthropic","max_tokens":512,"messages":[{"role":"user","content":[
                  {"type":"text","text":"Hi","cache_control":{"type":"ephemeral","ttl":"1d"}}]}]}""")
                .post("/v1/messages").then().statusCode(400)
                .body("error.message", equalTo("messages[0].content[0].cache_control.ttl: unknown \"1d\" (5m or 1h)"));
        invalidRequest().body("""
                {"model":"anthropic","max_tokens":512,"system":[{"type":"text","text":"Hi","cache_control":"ephemeral"}],
                 "messages":[{"role":"user","content":"Hi"}]}""")
                .post("/v1/messages").then().statusCode(400)
                .body("error.message", equalTo("system[0].cache_control: must be an object"));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_place_the_route_breakpoint_after_its_system_prompt_unless_the_client_placed_one() throws Exception {
        answerAnthropic();
        jsonRequest().body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/generate?provider=cached-prompt").then().statusCode(200);
        JsonNode body = sentBody();
        assertThat(breakpoints(body, "")).containsExactlyInAnyOrder("/system/0");
        assertThat(body.at("/system/0/cache_control").toString()).isEqualTo(DEFAULT);
        assertThat(body.at("/system/0/text").asText()).isEqualTo("You answer the support room.");
        assertValidAnthropicRequest();

        answerAnthropic();
        jsonRequest().body("{\"model\":\"cached-prompt\",\"max_tokens\":512,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hi\",\"cache_control\":" + HOUR + "}]}]}")
                .post("/v1/messages").then().statusCode(200);
        body = sentBody();
        assertThat(breakpoints(body, "")).containsExactlyInAnyOrder("/messages/0/content/0");
        assertThat(body.at("/system").asText()).isEqualTo("You answer the support room.");
    }

    @Test
    void should_pass_the_prompt_cache_key_to_openai_and_azure_only() throws Exception {
        String chatText = FixtureFiles.text("openai/openai-chat-text.json");
        fake.enqueue(FakeUpstream.json(200, chatText));
        jsonRequest().body("""
                {"model":"openai","prompt_cache_key":"room-42","messages":[{"role":"user","content":"Hi"}]}""")
                .post("/v1/chat/completions").then().statusCode(200);
        assertThat(sentBody().path("prompt_cache_key").asText()).isEqualTo("room-42");
        UpstreamSpec.assertValid("openai", "/chat/completions", fake.lastRequest());

        fake.enqueue(FakeUpstream.json(200, chatText));
        jsonRequest().body("{\"model\":\"azure\",\"prompt_cache_key\":\"room-43\",\"input\":\"Hi\"}")
                .post("/v1/responses").then().statusCode(200);
        assertThat(sentBody().path("prompt_cache_key").asText()).isEqualTo("room-43");

        fake.enqueue(FakeUpstream.json(200, chatText));
        jsonRequest().body("{\"prompt_cache_key\":\"room-44\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/generate?provider=openai").then().statusCode(200);
        assertThat(sentBody().path("prompt_cache_key").asText()).isEqualTo("room-44");

        fake.enqueue(FakeUpstream.json(200, chatText));
        jsonRequest().body("{\"prompt_cache_key\":\"room-45\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/generate?provider=vllm").then().statusCode(200);
        assertThat(sentBody().has("prompt_cache_key")).isFalse();

        answerAnthropic();
        jsonRequest().body("{\"prompt_cache_key\":\"room-46\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/generate?provider=anthropic").then().statusCode(200);
        assertThat(fake.lastRequest().body).doesNotContain("room-46");
    }
}
