package io.switchboard.providers.vllm;

import static io.switchboard.providers.openai.Fixtures.DONE;
import static io.switchboard.providers.openai.Fixtures.chunk;
import static io.switchboard.providers.openai.Fixtures.content;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.UpstreamSpec;

/** Type {@code vllm} end to end: reasoning through chat_template_kwargs, reasoning_content, inline think tags. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class VllmProviderTest extends FakeUpstreamTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

    @Test
    void should_read_reasoning_content_vllm_reasoning_parser() {
        JsonPath response = generateRecorded("vllm/vllm-reasoning-content.json", "vllm", HELLO);
        assertThat(response.getString("content")).isEqualTo("Hello! How can I help you today?");
        assertThat(response.getString("thinking")).isEqualTo("We need to respond. The user just said \"hello\". We'll greet.");
        assertThat(response.getMap("usage")).isEqualTo(Map.of("input_tokens", 70, "output_tokens", 34));
        assertThat(fake.lastRequest().path).isEqualTo("/v1/chat/completions");
        // no key configured: vLLM needs none, so none is sent
        assertThat(fake.lastRequest().header("Authorization")).isNull();
    }

    @Test
    void should_split_inline_think_tags_the_same_way_in_generate_and_stream_vllm_without_reasoning_parser() {
        String recorded = Fixtures.read("vllm/vllm-think-inline-no-reasoning-parser.json");
        fake.enqueue(FakeUpstream.json(200, recorded));
        JsonPath response = generate("vllm", HELLO);
        assertThat(response.getString("thinking")).startsWith("\nOkay, the user is asking for the capital of France.")
                .endsWith("So the answer should be Paris.\n");
        assertThat(response.getString("content")).isEqualTo("The capital of France is **Paris**.");

        // the same content streamed in 5-character deltas
        String text = JsonPath.from(recorded).getString("choices[0].message.content");
        fake.enqueue(FakeUpstream.sse(Fixtures.streamed(text, 5)));
        List<SseEvents.Event> events = stream("vllm", HELLO);
        assertThat(SseEvents.thinking(events)).isEqualTo(response.getString("thinking"));
        assertThat(SseEvents.text(events)).isEqualTo(response.getString("content"));
    }

    @Test
    void should_send_reasoning_switches_in_chat_template_kwargs_over_configured_ones() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("vllm/vllm-reasoning-content.json")));
        generate("vllm", """
                {"enable_thinking":true,"tools":[{"name":"f","description":"d","parameters":{"type":"object"}}],
                 "messages":[{"role":"user","content":"hello"}]}""");
        JsonPath wire = JsonPath.from(fake.lastRequest().body);
        // configured enable_thinking=false, reasoning_effort=low; the request turns thinking on, also on a tool turn
        assertThat(wire.getMap("chat_template_kwargs")).isEqualTo(Map.of("enable_thinking", true,
                "reasoning_effort", "low"));
        assertThat(wire.getInt("top_k")).isEqualTo(20);
        assertThat(wire.getString("model")).isEqualTo("Qwen/Qwen3-8B");
        assertThat(fake.lastRequest().body).doesNotContain("\"reasoning_effort\":\"low\",\"");
        assertThat(wire.getMap("$")).doesNotContainKey("reasoning_effort");
        UpstreamSpec.assertValid("openai", "/v1/chat/completions", fake.lastRequest());
    }

    @Test
    void should_send_request_effort_in_chat_template_kwargs_when_streaming() {
        fake.enqueue(FakeUpstream.sse(List.of(content("ok"), chunk("{}", "stop"), DONE)));
        stream("vllm", "{\"reasoning_effort\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
        JsonPath wire = JsonPath.from(fake.lastRequest().body);
        assertThat(wire.getMap("chat_template_kwargs")).isEqualTo(Map.of("enable_thinking", false,
                "reasoning_effort", "high"));
        assertThat(wire.getMap("$")).doesNotContainKey("reasoning_effort");
        assertThat(wire.getBoolean("stream")).isTrue();
        UpstreamSpec.assertValid("openai", "/v1/chat/completions", fake.lastRequest());
    }

    @Test
    void should_treat_text_before_close_tag_as_thinking_when_template_opens_the_block() {
        fake.enqueue(FakeUpstream.sse(List.of(content("plan a"), content("nd more</thi"), content("nk>\n\nAnswer."),
                chunk("{}", "stop"), DONE)));
        List<SseEvents.Event> events = stream("vllm-open", HELLO);
        assertThat(SseEvents.thinking(events)).isEqualTo("plan and more");
        assertThat(SseEvents.text(events)).isEqualTo("Answer.");

        fake.enqueue(FakeUpstream.json(200, "{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"plan and more</think>\\n\\nAnswer.\"}}]}"));
        JsonPath response = generate("vllm-open", HELLO);
        assertThat(response.getString("thinking")).isEqualTo("plan and more");
        assertThat(response.getString("content")).isEqualTo("Answer.");
    }

    @Test
    void should_recognise_configured_tag_names() {
        fake.enqueue(FakeUpstream.sse(List.of(content("x</think>A <reason"), content("ing>y</reasoning>B"),
                chunk("{}", "stop"), DONE)));
        List<SseEvents.Event> events = stream("vllm-open", HELLO);
        assertThat(SseEvents.thinking(events)).isEqualTo("xy");
        assertThat(SseEvents.text(events)).isEqualTo("A B");
    }
}
