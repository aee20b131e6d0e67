package io.switchboard.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AITool;
import io.switchboard.core.model.ImagePart;
import io.switchboard.core.model.Part;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.model.ThinkingPart;
import io.switchboard.core.model.ToolCallPart;
import io.switchboard.core.model.ToolResultPart;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.testsupport.TestConfig;

class OpenAiRequestMapperTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final OpenAiDialect OPENAI = new OpenAiDialect((m, call) -> call,
            OpenAiDialect.Auth.BEARER, true, false, false);
    static final OpenAiDialect OFFICIAL = new OpenAiDialect((m, call) -> call,
            OpenAiDialect.Auth.BEARER, true, false, true);
    static final OpenAiDialect VLLM = new OpenAiDialect((m, call) -> call,
            OpenAiDialect.Auth.BEARER, true, true, false);

    static AIContext context(List<AIMessage> messages, List<AITool> tools, String effort, Boolean enableThinking) {
        return new AIContext(messages, null, null, null, null, enableThinking, effort, tools, null, null, null, null, null);
    }

    static AIMessage user(Part... parts) {
        return new AIMessage(Role.USER, List.of(parts));
    }

    static ObjectNode wire(OpenAiDialect dialect, Map<String, Object> config, AIContext context, String model,
            Integer maxTokens, boolean stream) {
        OpenAiRequestMapper mapper = new OpenAiRequestMapper(dialect,
                TestConfig.provider("p", "openai").with(config).setup());
        return mapper.toWire(new ProviderRequest(context, model, null, 0.7, maxTokens, "req_1"), stream);
    }

    static final AITool TOOL = new AITool("f", "does f", JSON.createObjectNode().put("type", "object"));

    @Test
    void should_send_plain_text_as_string_content_and_system_prompt_first() {
        AIContext context = context(List.of(user(new TextPart("hi"))), List.of(), null, null).withSystemPrompt("sys");
        ObjectNode body = wire(OPENAI, Map.of(), context, "gpt-4o", 50, false);
        assertThat(body.toString()).isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"sys\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.7,\"max_tokens\":50}");
    }

    @Test
    void should_leave_out_empty_system_prompt_and_null_max_tokens() {
        AIContext context = context(List.of(user(new TextPart("hi"))), List.of(), null, null).withSystemPrompt("");
        ObjectNode body = wire(OPENAI, Map.of(), context, "m", null, false);
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.has("max_tokens")).isFalse();
    }

    @Test
    void should_send_images_as_image_url_parts() {
        ObjectNode body = wire(OPENAI, Map.of(), context(List.of(user(new TextPart("what?"),
                new ImagePart("https://x/y.png", "image/png"))), List.of(), null, null), "m", null, false);
        assertThat(body.at("/messages/0/content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"what?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]");
    }

    @Test
    void should_keep_thinking_before_text_in_tool_call_turn_unlike_reference_overwrite() {
        AIMessage assistant = new AIMessage(Role.ASSISTANT, List.of(new ThinkingPart("why", "sig"), new TextPart("a"),
                new TextPart("b"), new ToolCallPart("c1", "f", JSON.createObjectNode().put("x", 1), null)));
        ObjectNode body = wire(OPENAI, Map.of(), context(List.of(assistant), List.of(), null, null), "m", null, false);
        assertThat(body.at("/messages/0").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":\"<think>why</think>ab\","
                + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":"
                + "\"{\\\"x\\\":1}\"}}]}");
    }

    @Test
    void should_send_null_content_when_tool_call_turn_has_no_text() {
        AIMessage assistant = new AIMessage(Role.ASSISTANT, List.of(new ToolCallPart("c1", "f", null, null)));
        ObjectNode body = wire(OPENAI, Map.of(), context(List.of(assistant), List.of(), null, null), "m", null, false);
        assertThat(body.at("/messages/0/content").isNull()).isTrue();
        assertThat(body.at("/messages/0/tool_calls/0/function/arguments").asText()).isEqualTo("{}");
    }

    @Test
    void should_send_one_tool_message_per_result_and_move_images_to_a_user_message() {
        AIMessage results = new AIMessage(Role.TOOL, List.of(
                new ToolResultPart("c1", "f", List.of(new TextPart("line1"), new TextPart("line2"))),
                new ToolResultPart("c2", "g", List.of(new ImagePart("data:image/png;base64,AA==", null)))));
        ObjectNode body = wire(OPENAI, Map.of(), context(List.of(results), List.of(), null, null), "m", null, false);
        assertThat(body.path("messages").toString()).isEqualTo("[{\"role\":\"tool\",\"tool_call_id\":\"c1\","
                + "\"content\":\"line1\\nline2\"},{\"role\":\"tool\",\"tool_call_id\":\"c2\",\"content\":"
                + "\"[see image below]\"},{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":"
                + "{\"url\":\"data:image/png;base64,AA==\"}}]}]");
    }

    @Test
    void should_echo_thinking_as_reasoning_content_when_configured() {
        AIMessage assistant = new AIMessage(Role.ASSISTANT, List.of(new ThinkingPart("why", null), new TextPart("a")));
        ObjectNode body = wire(OPENAI, Map.of("echo-reasoning-content", true),
                context(List.of(assistant), List.of(), null, null), "m", null, false);
        assertThat(body.at("/messages/0").toString())
                .isEqualTo("{\"role\":\"assistant\",\"reasoning_content\":\"why\",\"content\":\"a\"}");
    }

    @Test
    void should_echo_thinking_in_the_first_configured_tag() {
        AIMessage assistant = new AIMessage(Role.ASSISTANT, List.of(new ThinkingPart("why", null), new TextPart("a")));
        ObjectNode body = wire(OPENAI, Map.of("think-tag-names", List.of("reasoning", "think")),
                context(List.of(assistant), List.of(), null, null), "m", null, false);
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("<reasoning>why</reasoning>a");
    }

    @Test
    void should_send_tools_as_functions() {
        ObjectNode body = wire(OPENAI, Map.of(), context(List.of(user(new TextPart("hi"))), List.of(TOOL), null, null),
                "m", null, false);
        assertThat(body.path("tools").toString()).isEqualTo("[{\"type\":\"function\",\"function\":{\"name\":\"f\","
                + "\"description\":\"does f\",\"parameters\":{\"type\":\"object\"}}}]");
    }

    @Test
    void should_send_reasoning_effort_only_without_tools() {
        List<AIMessage> hi = List.of(user(new TextPart("hi")));
        assertThat(wire(OPENAI, Map.of(), context(hi, List.of(), "high", null), "m", null, false)
                .path("reasoning_effort").asText()).isEqualTo("high");
        assertThat(wire(OPENAI, Map.of(), context(hi, List.of(TOOL), "high", null), "m", null, false)
                .has("reasoning_effort")).isFalse();
    }

    @Test
    void should_force_effort_none_on_tool_turns_for_official_gpt_5_6() {
        List<AIMessage> hi = List.of(user(new TextPart("hi")));
        assertThat(wire(OFFICIAL, Map.of(), context(hi, List.of(TOOL), "high", null), "gpt-5.6-mini", null, false)
                .path("reasoning_effort").asText()).isEqualTo("none");
    }

    @Test
    void should_drop_temperature_and_use_max_completion_tokens_for_official_reasoning_models() {
        List<AIMessage> hi = List.of(user(new TextPart("hi")));
        ObjectNode o3 = wire(OFFICIAL, Map.of(), context(hi, List.of(), null, null), "o3-mini", 100, false);
        assertThat(o3.has("temperature")).isFalse();
        assertThat(o3.path("max_completion_tokens").asInt()).isEqualTo(100);
        ObjectNode custom = wire(OPENAI, Map.of(), context(hi, List.of(), null, null), "o3-mini", 100, false);
        assertThat(custom.has("temperature")).isTrue();
        assertThat(custom.path("max_tokens").asInt()).isEqualTo(100);
    }

    @Test
    void should_refuse_top_p_for_official_reasoning_models_naming_the_field() {
        AIContext context = context(List.of(user(new TextPart("hi"))), List.of(), null, null).withTopP(0.9);
        assertThatThrownBy(() -> wire(OFFICIAL, Map.of(), context, "gpt-5-mini", null, false))
                .isInstanceOf(GatewayException.class).hasMessageStartingWith("top_p: OpenAI's reasoning models");
        assertThat(wire(OFFICIAL, Map.of(), context, "gpt-4o", null, false).path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(wire(OPENAI, Map.of(), context, "gpt-5-mini", null, false).path("top_p").asDouble()).isEqualTo(0.9);
    }

    @Test
    void should_add_stream_flags() {
        List<AIMessage> hi = List.of(user(new TextPart("hi")));
        ObjectNode withUsage = wire(OPENAI, Map.of(), context(hi, List.of(), null, null), "m", null, true);
        assertThat(withUsage.path("stream").asBoolean()).isTrue();
        assertThat(withUsage.at("/stream_options/include_usage").asBoolean()).isTrue();
        ObjectNode without = wire(OPENAI, Map.of("include-stream-usage", false), context(hi, List.of(), null, null), "m",
                null, true);
        assertThat(without.has("stream_options")).isFalse();
    }

    @Test
    void should_merge_extra_body_but_never_over_protocol_fields() {
        List<AIMessage> hi = List.of(user(new TextPart("hi")));
        ObjectNode body = wire(OPENAI, Map.of("extra-body", Map.of("top_p", "0.8", "user", "alice", "stream", "true",
                "response_format", "{\"type\":\"json_object\"}")), context(hi, List.of(), null, null), "m", null, false);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.8);
        assertThat(body.path("user").asText()).isEqualTo("alice");
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void should_overlay_request_switches_on_configured_chat_template_kwargs_vllm() {
        List<AIMessage> hi = List.of(user(new TextPart("hi")));
        Map<String, Object> config = Map.of("extra-body",
                Map.of("chat_template_kwargs", "{\"enable_thinking\":false,\"reasoning_effort\":\"low\"}"));
        ObjectNode body = wire(VLLM, config, context(hi, List.of(TOOL), null, true), "m", null, false);
        JsonNode kwargs = body.path("chat_template_kwargs");
        assertThat(kwargs.toString()).isEqualTo("{\"enable_thinking\":true,\"reasoning_effort\":\"low\"}");
        assertThat(body.has("reasoning_effort")).isFalse();
        ObjectNode plain = wire(VLLM, Map.of(), context(hi, List.of(), "high", null), "m", null, false);
        assertThat(plain.path("chat_template_kwargs").toString()).isEqualTo("{\"reasoning_effort\":\"high\"}");
        assertThat(wire(VLLM, Map.of(), context(hi, List.of(), null, null), "m", null, false)
                .has("chat_template_kwargs")).isFalse();
    }
}
