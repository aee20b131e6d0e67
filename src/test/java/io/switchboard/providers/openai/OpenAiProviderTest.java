package io.switchboard.providers.openai;

import static io.switchboard.providers.openai.Fixtures.DONE;
import static io.switchboard.providers.openai.Fixtures.chunk;
import static io.switchboard.providers.openai.Fixtures.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

/** Type {@code openai} end to end, against recorded OpenAI and OpenAI-compatible (DeepSeek, Groq, Ollama /v1) bodies. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OpenAiProviderTest extends FakeUpstreamTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @TestHTTPResource("/v1/stream")
    URL streamUrl;

    static List<SseEvents.Event> ofType(List<SseEvents.Event> events, String type) {
        return events.stream().filter(e -> type.equals(e.event())).toList();
    }

    // ---- a stream request answered whole ----

    @Test
    void should_not_retry_a_whole_answer_it_cannot_read() {
        // the backend answered, with a body no retry will mend: one call, a non-retryable 502
        for (int i = 0; i < 3; i++) {
            fake.enqueue(FakeUpstream.json(200, "{\"choices\":\"none\"}"));
        }
        post("/v1/stream", "retrying", HELLO).then().statusCode(502).body("error.retryable", is(false));
        assertThat(fake.requests()).hasSize(1);
    }

    // ---- generate: every recorded non-streamed answer ----

    @Test
    void should_return_text_usage_and_finish_reason() {
        JsonPath response = generateRecorded("openai/openai-chat-text.json", "openai", HELLO);
        assertThat(response.getString("content")).isEqualTo("\\(4200 + 42 = 4242\\).");
        assertThat(response.getString("thinking")).isNull();
        assertThat(response.getString("finish_reason")).isEqualTo("stop");
        assertThat(response.getString("metadata.provider_finish_reason")).isEqualTo("stop");
        assertThat(response.getString("metadata.provider")).isEqualTo("openai");
        assertThat(response.getString("metadata.model")).isEqualTo("gpt-4o");
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 16, "output_tokens", 12));
        assertThat(fake.lastRequest().path).isEqualTo("/v1/chat/completions");
        assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer test-key");
        UpstreamSpec.assertValid("openai", "/v1/chat/completions", fake.lastRequest());
    }

    @Test
    void should_report_length_when_truncated() {
        JsonPath response = generateRecorded("openai/openai-chat-finish-length.json", "openai", HELLO);
        assertThat(response.getString("content")).startsWith("Certainly! Here is a list").endsWith("9. Florida");
        assertThat(response.getString("finish_reason")).isEqualTo("length");
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 14, "output_tokens", 50));
    }

    @Test
    void should_return_one_tool_call_with_parsed_arguments() {
        JsonPath response = generateRecorded("openai/openai-chat-tool-call.json", "openai", HELLO);
        assertThat(response.getString("content")).isEmpty();
        assertThat(response.getString("finish_reason")).isEqualTo("tool_calls");
        assertThat(response.getList("tool_calls")).hasSize(1);
        assertThat(response.getString("tool_calls[0].id")).isEqualTo("call_iXFttys57ap0o16JSlC8yhYo");
        assertThat(response.getString("tool_calls[0].name")).isEqualTo("get_user_country");
        assertThat(response.getMap("tool_calls[0].arguments")).isEmpty();
    }

    @Test
    void should_return_parallel_tool_calls_in_order() {
        JsonPath response = generateRecorded("openai/openai-chat-parallel-tool-calls.json", "openai", HELLO);
        assertThat(response.getList("tool_calls.id")).containsExactly("call_v6LacIrChvs6ITVpIZqy5tFc",
                "call_onyWzk4mLTGKzW9cthmf4Llq");
        assertThat(response.getList("tool_calls.arguments.password")).containsExactly("mellon", "radiance");
        assertThat(response.getString("finish_reason")).isEqualTo("tool_calls");
    }

    @Test
    void should_report_reasoning_tokens_apart_from_output_openai_o3() {
        JsonPath response = generateRecorded("openai/openai-chat-reasoning-model-usage.json", "openai", HELLO);
        assertThat(response.getString("content")).isEqualTo("Hello there! How can I help you today?");
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 7, "output_tokens", 23,
                "reasoning_tokens", 64));
    }

    @Test
    void should_return_refusal_as_content_with_content_filter_openai() {
        JsonPath response = generateRecorded("openai/openai-chat-refusal-structured-output.json", "openai", HELLO);
        assertThat(response.getString("content")).isEqualTo("I'm very sorry, but I can't assist with that request.");
        assertThat(response.getString("finish_reason")).isEqualTo("content_filter");
        assertThat(response.getString("metadata.provider_finish_reason")).isEqualTo("stop");
        assertThat(response.getBoolean("metadata.refusal")).isTrue();
    }

    @Test
    void should_read_reasoning_content_and_cached_tokens_deepseek() {
        JsonPath response = generateRecorded("openai/deepseek-reasoning-content.json", "openai", HELLO);
        assertThat(response.getString("thinking")).startsWith("Okay, the user is asking how to cross the street.");
        assertThat(response.getString("content")).startsWith("Crossing the street safely").doesNotContain("<think>");
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 12, "output_tokens", 374,
                "reasoning_tokens", 415));
    }

    @Test
    void should_return_reasoning_text_and_tool_call_together_deepseek() {
        JsonPath response = generateRecorded("openai/deepseek-reasoning-tool-call.json", "openai", HELLO);
        assertThat(response.getString("thinking")).startsWith("The user wants to play a dice game.");
        assertThat(response.getString("content")).isEqualTo("Let me load the dice rolling capability!");
        assertThat(response.getString("tool_calls[0].id")).isEqualTo("call_00_sXqYgMESDht75NCLLZtt9804");
        assertThat(response.getString("tool_calls[0].arguments.id")).isEqualTo("DICE_ROLL");
        // 563 prompt tokens of which 512 were read from the cache: counters are disjoint
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 51, "output_tokens", 56,
                "cache_read_input_tokens", 512, "reasoning_tokens", 60));
    }

    @Test
    void should_split_inline_think_tags_groq_qwen3() {
        JsonPath response = generateRecorded("openai/groq-qwen3-think-inline.json", "openai", HELLO);
        assertThat(response.getString("thinking")).startsWith("\nOkay, so I want to make Uruguayan alfajores.");
        assertThat(response.getString("thinking")).doesNotContain("<think>", "</think>");
        assertThat(response.getString("content")).doesNotContain("<think>", "</think>").isNotBlank();
        assertThat(response.getString("content")).doesNotStartWith("\n");
    }

    @Test
    void should_keep_unclosed_think_block_as_thinking_when_truncated_huggingface() {
        JsonPath response = generateRecorded("openai/huggingface-together-think-inline-length.json", "openai", HELLO);
        assertThat(response.getString("content")).isEmpty();
        assertThat(response.getString("thinking")).startsWith("\nHmm, the user just said").endsWith("- Acknowledge");
        assertThat(response.getString("finish_reason")).isEqualTo("length");
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 4, "output_tokens", 100));
    }

    @Test
    void should_read_reasoning_field_and_tool_call_ollama_cloud_v1() {
        JsonPath response = generateRecorded("openai/ollama-cloud-openai-v1-tool-call.json", "openai", HELLO);
        assertThat(response.getString("thinking")).startsWith("The conversation: user asked");
        assertThat(response.getString("tool_calls[0].id")).isEqualTo("call_o2vnpxrw");
        assertThat(response.getMap("tool_calls[0].arguments")).isEqualTo(Map.of("city", "Paris", "country", "France"));
        assertThat(response.getString("finish_reason")).isEqualTo("tool_calls");
    }

    @Test
    void should_read_reasoning_field_ollama_v1() {
        JsonPath response = generateRecorded("openai/ollama-openai-v1-reasoning-field.json", "openai", HELLO);
        assertThat(response.getString("thinking")).startsWith("Okay, the user is asking for the capital of France.");
        assertThat(response.getString("content")).isEqualTo("{ \"city\": \"Paris\", \"country\": \"France\" }");
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 136, "output_tokens", 15));
    }

    @Test
    void should_return_text_ollama_v1() {
        JsonPath response = generateRecorded("openai/ollama-openai-v1-text.json", "openai", HELLO);
        assertThat(response.getString("content")).isEqualTo("4200 + 42 = 4242\n");
        assertThat(response.getString("finish_reason")).isEqualTo("stop");
    }

    @Test
    void should_return_empty_answer_when_no_choices() {
        fake.enqueue(FakeUpstream.json(200, "{\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,"
                + "\"completion_tokens\":0}}"));
        JsonPath response = generate("openai", HELLO);
        assertThat(response.getString("content")).isEmpty();
        assertThat(response.getString("finish_reason")).isEqualTo("other");
    }

    @Test
    void should_keep_invalid_tool_arguments_raw() {
        fake.enqueue(FakeUpstream.json(200, "{\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\": 1,\"}}]}}]}"));
        JsonPath response = generate("openai", HELLO);
        assertThat(response.getMap("tool_calls[0].arguments")).isEmpty();
        assertThat(response.getString("tool_calls[0].metadata.raw_arguments")).isEqualTo("{\"a\": 1,");
        assertThat(response.getString("tool_calls[0].id")).matches("call_[A-Za-z0-9]{24}");
    }

    @Test
    void should_fail_with_502_when_body_is_not_json() {
        fake.enqueue(FakeUpstream.json(200, "<html>proxy error</html>"));
        post("/v1/generate", "openai", HELLO).then().statusCode(502);
    }

    // ---- stream: every recorded stream ----

    /**
     * The events of a recorded stream sent in reads of a few bytes, cutting lines, JSON and characters (the fake writes chunks
     * recursively, so long bodies get larger pieces). Every other cut is the provider contract's.
     */
    private List<SseEvents.Event> streamRecorded(String fixture) {
        String body = Fixtures.read(fixture);
        fake.enqueue(FakeUpstream.sse(Chunks.everyBytes(body, Math.max(3, body.length() / 1000))));
        return stream("openai", HELLO);
    }

    @Test
    void should_stream_text_then_done_with_usage_from_final_chunk() {
        List<SseEvents.Event> events = streamRecorded("openai/openai-chat-text-stream-include-usage.sse");
        assertThat(SseEvents.text(events)).isEqualTo("The capital of the UK is London.");
        assertThat(SseEvents.types(events)).doesNotContain("thinking_delta", "tool_call", "error");
        assertThat(SseEvents.types(events).get(events.size() - 1)).isEqualTo("done");
        assertThat(ofType(events, "done")).hasSize(1);
        JsonPath done = last(events);
        assertThat(done.getString("finish_reason")).isEqualTo("stop");
        assertThat(done.getMap("usage")).isEqualTo(Map.of("input_tokens", 78, "output_tokens", 9));
        assertThat(done.getString("metadata.provider_finish_reason")).isEqualTo("stop");
    }

    @Test
    void should_stream_tool_call_assembled_from_fragments() {
        List<SseEvents.Event> events = streamRecorded("openai/openai-chat-tool-call-stream.sse");
        assertThat(SseEvents.types(events)).containsExactly("tool_call", "done");
        JsonPath call = events.get(0).json();
        assertThat(call.getString("id")).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");
        assertThat(call.getString("name")).isEqualTo("get_capital");
        assertThat(call.getMap("arguments")).isEqualTo(Map.of("country", "UK"));
        assertThat(last(events).getString("finish_reason")).isEqualTo("tool_calls");
        assertThat(last(events).getMap("usage")).isEqualTo(Map.of("input_tokens", 53, "output_tokens", 15));
    }

    @Test
    void should_stream_parallel_tool_calls_each_once() {
        List<SseEvents.Event> events = streamRecorded("openai/openai-chat-parallel-tool-calls-stream.sse");
        assertThat(SseEvents.types(events)).containsExactly("tool_call", "tool_call", "done");
        assertThat(events.get(0).json().getString("id")).isEqualTo("call_M26z19sncd7b4LBgzKRRbaUE");
        assertThat(events.get(0).json().getString("arguments.password")).isEqualTo("mellon");
        assertThat(events.get(1).json().getString("id")).isEqualTo("call_KPXe5NX7IcKkaBUhc6dto2QV");
        assertThat(events.get(1).json().getString("arguments.password")).isEqualTo("radiance");
    }

    @Test
    void should_stream_length_finish() {
        List<SseEvents.Event> events = streamRecorded("openai/openai-chat-finish-length-stream.sse");
        assertThat(SseEvents.text(events)).startsWith("Here is a list of all 50 U.S. states:\n\n1. Alabama")
                .endsWith("9. Florida\n10");
        assertThat(last(events).getString("finish_reason")).isEqualTo("length");
    }

    @Test
    void should_stream_refusal_as_text_with_content_filter() {
        List<SseEvents.Event> events = streamRecorded("openai/openai-chat-refusal-structured-output-stream.sse");
        assertThat(SseEvents.text(events)).isEqualTo("I'm very sorry, but I can't assist with that request.");
        assertThat(last(events).getString("finish_reason")).isEqualTo("content_filter");
        assertThat(last(events).getString("metadata.provider_finish_reason")).isEqualTo("stop");
        assertThat(last(events).getBoolean("metadata.refusal")).isTrue();
    }

    @Test
    void should_stream_reasoning_content_before_text_deepseek() {
        List<SseEvents.Event> events = streamRecorded("openai/deepseek-reasoning-content-stream.sse");
        assertThat(SseEvents.thinking(events)).startsWith("Hmm, the user just said \"Hello\".").hasSize(882);
        assertThat(SseEvents.text(events)).isEqualTo("Hello there! 😊 How can I help you today?");
        List<String> types = SseEvents.types(events);
        assertThat(types.lastIndexOf("thinking_delta")).isLessThan(types.indexOf("text_delta"));
        assertThat(last(events).getMap("usage")).isEqualTo(Map.of("input_tokens", 6, "output_tokens", 14,
                "reasoning_tokens", 198));
    }

    @Test
    void should_end_with_error_event_when_error_frame_arrives_mid_stream_groq() {
        // the deltas and the error frame arrive in one read; the deltas must still go out first
        fake.enqueue(FakeUpstream.sse(Chunks.whole(Fixtures.read("openai/groq-error-event-mid-stream.sse"))));
        List<SseEvents.Event> events = stream("openai", HELLO);
        assertThat(SseEvents.thinking(events)).startsWith("We need to call the tool with invalid parameters first");
        assertThat(SseEvents.types(events)).doesNotContain("done");
        JsonPath error = last(events);
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getString("error.type")).isEqualTo("provider_error");
        assertThat(error.getString("error.message")).contains("Tool call validation failed");
        assertThat(error.getInt("error.status_code")).isEqualTo(400);
        assertThat(error.getBoolean("error.retryable")).isFalse();
    }

    // ---- <think> tags in streamed content ----

    static final String THINK_ANSWER = "<think>abc</think>answer";

    @ParameterizedTest(name = "split at {0}")
    @ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23 })
    void should_split_think_tag_cut_at_any_position(int at) {
        fake.enqueue(FakeUpstream.sse(List.of(content(THINK_ANSWER.substring(0, at)),
                content(THINK_ANSWER.substring(at)), chunk("{}", "stop"), DONE)));
        List<SseEvents.Event> events = stream("openai", HELLO);
        assertThat(SseEvents.thinking(events)).isEqualTo("abc");
        assertThat(SseEvents.text(events)).isEqualTo("answer");
        assertThat(SseEvents.types(events)).doesNotContain("error");
    }

    @Test
    void should_give_the_same_split_in_generate_and_stream_for_several_blocks() {
        String text = "Hello <think>one</think>\n\n world<think>two</think> end <think>unclosed";
        fake.enqueue(FakeUpstream.json(200, "{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":" + Fixtures.quote(text) + "}}]}"));
        JsonPath response = generate("openai", HELLO);
        fake.enqueue(FakeUpstream.sse(Fixtures.streamed(text, 4)));
        List<SseEvents.Event> events = stream("openai", HELLO);
        assertThat(SseEvents.text(events)).isEqualTo(response.getString("content"));
        assertThat(SseEvents.thinking(events)).isEqualTo(response.getString("thinking"));
        assertThat(response.getString("thinking")).isEqualTo("onetwounclosed");
        // the whitespace after each close tag is dropped, so the answer never starts with the separator
        assertThat(response.getString("content")).isEqualTo("Hello worldend ");
    }

    // ---- tool-call fragments and usage ----

    @Test
    void should_assemble_interleaved_parallel_tool_call_fragments() {
        fake.enqueue(FakeUpstream.sse(List.of(
                chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"first\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"second\",\"arguments\":\"{\\\"y\\\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"x\\\": \"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\": 2}\"}},"
                        + "{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]}", null),
                chunk("{}", "tool_calls"), DONE)));
        List<SseEvents.Event> events = stream("openai", HELLO);
        assertThat(SseEvents.types(events)).containsExactly("tool_call", "tool_call", "done");
        assertThat(events.get(0).json().getString("name")).isEqualTo("first");
        assertThat(events.get(0).json().getMap("arguments")).isEqualTo(Map.of("x", 1));
        assertThat(events.get(1).json().getString("name")).isEqualTo("second");
        assertThat(events.get(1).json().getMap("arguments")).isEqualTo(Map.of("y", 2));
    }

    @Test
    void should_stream_invalid_tool_arguments_as_raw_arguments() {
        fake.enqueue(FakeUpstream.sse(List.of(
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"function\":{\"name\":\"f\",\"arguments\":"
                        + "\"{not json\"}}]}", null),
                chunk("{}", "tool_calls"), DONE)));
        List<SseEvents.Event> events = stream("openai", HELLO);
        JsonPath call = events.get(0).json();
        assertThat(call.getMap("arguments")).isEmpty();
        assertThat(call.getString("metadata.raw_arguments")).isEqualTo("{not json");
    }

    @Test
    void should_take_usage_from_usage_only_final_chunk_with_cached_tokens() {
        fake.enqueue(FakeUpstream.sse(List.of(content("Hi"), chunk("{}", "stop"),
                "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":20,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":800}}}\n\n",
                DONE)));
        List<SseEvents.Event> events = stream("openai", HELLO);
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "done");
        assertThat(last(events).getMap("usage")).isEqualTo(Map.of("input_tokens", 200, "output_tokens", 20,
                "cache_read_input_tokens", 800));
    }

    @Test
    void should_accept_a_stream_that_ends_after_finish_without_done_marker() {
        fake.enqueue(FakeUpstream.sse(List.of(content("Hi"), chunk("{}", "stop"))));
        List<SseEvents.Event> events = stream("openai", HELLO);
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "done");
    }

    // ---- requests ----

    @Test
    void should_send_streaming_request_with_history_tools_and_images_valid_for_openai_spec() {
        String body = """
                {"system_prompt":"Be brief.","temperature":0.2,"max_tokens":99,
                 "tools":[{"name":"get_weather","description":"Weather","parameters":{"type":"object",
                   "properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "messages":[
                   {"role":"user","content":[{"type":"text","text":"What is this?"},
                     {"type":"image","url":"data:image/png;base64,iVBORw0KGgo="}]},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"Need the tool."},
                     {"type":"text","text":"Checking."},
                     {"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris"}}]},
                   {"role":"tool","content":[{"type":"tool_result","tool_call_id":"call_1","name":"get_weather",
                     "result":[{"type":"text","text":"22C"},{"type":"image","url":"https://example.com/map.png"}]}]},
                   {"role":"assistant","content":[{"type":"thinking","thinking":"Done."},{"type":"text","text":"22C."}]},
                   {"role":"user","content":"Thanks"}],
                 "metadata":{"api_key":"sk-caller-own-key-123"}}""";
        fake.enqueue(FakeUpstream.sse(List.of(content("ok"), chunk("{}", "stop"), DONE)));
        stream("openai", body);
        FakeUpstream.Received sent = fake.lastRequest();
        UpstreamSpec.assertValid("openai", "/v1/chat/completions", sent);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-caller-own-key-123");
        JsonPath wire = JsonPath.from(sent.body);
        assertThat(wire.getString("model")).isEqualTo("gpt-4o");
        assertThat(wire.getBoolean("stream")).isTrue();
        assertThat(wire.getBoolean("stream_options.include_usage")).isTrue();
        assertThat(wire.getDouble("temperature")).isEqualTo(0.2);
        assertThat(wire.getInt("max_tokens")).isEqualTo(99);
        assertThat(wire.getList("messages.role")).containsExactly("system", "user", "assistant", "tool", "user",
                "assistant", "user");
        assertThat(wire.getString("messages[0].content")).isEqualTo("Be brief.");
        assertThat(wire.getString("messages[1].content[1].type")).isEqualTo("image_url");
        assertThat(wire.getString("messages[1].content[1].image_url.url")).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThat(wire.getString("messages[2].content")).isEqualTo("<think>Need the tool.</think>Checking.");
        assertThat(wire.getString("messages[2].tool_calls[0].function.arguments")).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(wire.getString("messages[2].tool_calls[0].type")).isEqualTo("function");
        assertThat(wire.getString("messages[3].tool_call_id")).isEqualTo("call_1");
        assertThat(wire.getString("messages[3].content")).isEqualTo("22C");
        assertThat(wire.getString("messages[4].content[0].image_url.url")).isEqualTo("https://example.com/map.png");
        assertThat(wire.getString("messages[5].content")).isEqualTo("<think>Done.</think>22C.");
        assertThat(wire.getString("tools[0].type")).isEqualTo("function");
        assertThat(wire.getString("tools[0].function.name")).isEqualTo("get_weather");
        assertThat(wire.getString("tools[0].function.parameters.required[0]")).isEqualTo("city");
        assertThat(sent.body).doesNotContain("reasoning_effort", "api_key", "metadata");
    }

    @Test
    void should_send_reasoning_effort_on_turns_without_tools() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        generate("openai", "{\"reasoning_effort\":\"low\",\"enable_thinking\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        JsonPath wire = JsonPath.from(fake.lastRequest().body);
        assertThat(wire.getString("reasoning_effort")).isEqualTo("low");
        assertThat(fake.lastRequest().body).doesNotContain("chat_template_kwargs", "enable_thinking", "\"stream\"");
        UpstreamSpec.assertValid("openai", "/v1/chat/completions", fake.lastRequest());
    }

    @Test
    void should_send_max_completion_tokens_extra_body_and_reasoning_content_when_configured() {
        fake.enqueue(FakeUpstream.sse(List.of(content("<think>kept</think>"), chunk("{}", "stop"), DONE)));
        List<SseEvents.Event> events = stream("openai-tuned", """
                {"messages":[{"role":"user","content":"a"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"Earlier."},{"type":"text","text":"b"}]},
                  {"role":"user","content":"c"}]}""");
        JsonPath wire = JsonPath.from(fake.lastRequest().body);
        assertThat(wire.getInt("max_completion_tokens")).isEqualTo(300);
        assertThat(fake.lastRequest().body).doesNotContain("\"max_tokens\"", "stream_options");
        assertThat(wire.getInt("seed")).isEqualTo(42);
        assertThat(wire.getString("service_tier")).isEqualTo("flex");
        assertThat(wire.getString("messages[1].reasoning_content")).isEqualTo("Earlier.");
        assertThat(wire.getString("messages[1].content")).isEqualTo("b");
        // reasoning_content is DeepSeek's and vLLM's field, not in OpenAI's spec: no spec check here
        // think-tags=false: the tags stay in the text
        assertThat(SseEvents.text(events)).isEqualTo("<think>kept</think>");
    }

    // ---- errors ----

    @Test
    void should_answer_502_provider_unavailable_when_connection_is_refused() {
        Response response = post("/v1/generate", "openai-down", HELLO);
        response.then().statusCode(502);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("provider_unavailable");
        assertThat(response.jsonPath().getBoolean("error.retryable")).isTrue();
    }

}
