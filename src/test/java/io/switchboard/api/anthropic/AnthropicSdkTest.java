package io.switchboard.api.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.InjectFakeUpstream;

/**
 * The official Anthropic Java SDK, pointed at Switchboard by base URL alone, over Anthropic-,
 * OpenAI- and Ollama-type backends (fake upstreams replaying recorded bodies).
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class AnthropicSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakeUpstream
    FakeUpstream fake;

    @TestHTTPResource("/")
    URL base;

    AnthropicClient client;

    @BeforeEach
    void setUp() {
        fake.reset();
        client = AnthropicOkHttpClient.builder().baseUrl(base.toString().replaceAll("/$", "")).apiKey("unchecked")
                .maxRetries(0).build();
    }

    private static MessageCreateParams.Builder ask(String model, String question) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage(question);
    }

    private Message accumulate(MessageCreateParams params, List<RawMessageStreamEvent> seen) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(event -> {
                seen.add(event);
                accumulator.accumulate(event);
            });
        }
        return accumulator.message();
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(fake.lastRequest().body);
    }

    private static String text(Message message) {
        StringBuilder text = new StringBuilder();
        message.content().stream().filter(ContentBlock::isText).forEach(b -> text.append(b.asText().text()));
        return text.toString();
    }

    @Test
    void should_count_tokens_with_the_sdk_over_an_anthropic_backend_and_the_mock() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/synthetic-count-tokens.json")));
        MessageTokensCount counted = client.messages().countTokens(MessageCountTokensParams.builder()
                .model("anthropic").system("Be brief.").addUserMessage("What is 4200 + 42?").build());
        assertThat(counted.inputTokens()).isEqualTo(2095);
        assertThat(fake.lastRequest().path).isEqualTo("/v1/messages/count_tokens");
        assertThat(sentBody().get("system").toString()).contains("Be brief.");

        // the mock cannot count: the gateway's estimate, 4 characters a token and 4 a message
        MessageTokensCount estimated = client.messages().countTokens(MessageCountTokensParams.builder()
                .model("mock").addUserMessage("What is 4200 + 42?").build());
        assertThat(estimated.inputTokens()).isEqualTo(9);
    }

    @Test
    void should_answer_text_with_usage_over_an_anthropic_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json")));
        Message message = client.messages().create(ask("anthropic", "What is 4200 + 42?").system("Be brief.")
                .putAdditionalBodyProperty("temperature", JsonValue.from(0.3)).build());
        assertThat(text(message)).isEqualTo("4200 + 42 = 4242");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(17);
        assertThat(message.usage().outputTokens()).isEqualTo(15);
        assertThat(message.model().asString()).isEqualTo("anthropic");
        JsonNode sent = sentBody();
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(1024);
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.get("system").toString()).contains("Be brief.");
    }

    @Test
    void should_stream_anthropic_event_sequence() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(Fixtures.read("anthropic/text-stream.sse"), "\n\n")));
        List<RawMessageStreamEvent> events = new ArrayList<>();
        Message message = accumulate(ask("anthropic", "What is 4200 + 42?").build(), events);
        assertThat(text(message)).isNotBlank();
        assertThat(events.getFirst().isMessageStart()).isTrue();
        assertThat(events.get(1).isContentBlockStart()).isTrue();
        assertThat(events.get(events.size() - 2).isMessageDelta()).isTrue();
        assertThat(events.getLast().isMessageStop()).isTrue();
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @Test
    void should_stream_tool_calls_whose_input_arrives_in_fragments() {
        fake.enqueue(FakeUpstream.sse(Chunks.every(Fixtures.read("anthropic/tool-use-parallel-stream.sse"), 29)));
        Message message = accumulate(ask("anthropic", "Weather in Paris and London?").addTool(weatherTool()).build(),
                new ArrayList<>());
        List<ToolUseBlock> calls = message.content().stream().filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).id()).startsWith("toolu_");
        assertThat(calls.get(0).name()).isEqualTo("secret_retrieval_tool");
        assertThat(calls.get(0)._input().toString()).contains("password=mellon");
        assertThat(calls.get(1)._input().toString()).contains("password=radian");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void should_stream_signed_thinking_and_send_it_back_to_anthropic_unchanged() throws Exception {
        fake.enqueue(FakeUpstream.sse(Chunks.after(Fixtures.read("anthropic/thinking-stream-signature-delta.sse"),
                "\n\n")));
        List<RawMessageStreamEvent> events = new ArrayList<>();
        Message first = accumulate(ask("anthropic", "Think first").enabledThinking(1024).build(), events);
        assertThat(sentBody().get("thinking").toString()).isEqualTo("{\"type\":\"enabled\",\"budget_tokens\":1024}");
        ThinkingBlock thinking = first.content().getFirst().asThinking();
        assertThat(thinking.thinking()).isNotBlank();
        assertThat(thinking.signature()).isNotBlank();
        assertThat(events).anyMatch(e -> e.isContentBlockDelta() && e.asContentBlockDelta().delta().isSignature());
        assertThat(events).anyMatch(e -> e.isContentBlockDelta() && e.asContentBlockDelta().delta().isThinking());

        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json")));
        client.messages().create(ask("anthropic", "Think first").enabledThinking(1024).addMessage(first)
                .addUserMessage("And then?").build());
        JsonNode block = sentBody().get("messages").get(1).get("content").get(0);
        assertThat(block.get("type").asText()).isEqualTo("thinking");
        assertThat(block.get("thinking").asText()).isEqualTo(thinking.thinking());
        assertThat(block.get("signature").asText()).isEqualTo(thinking.signature());
    }

    @Test
    void should_answer_signed_thinking_whole() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/thinking.json")));
        Message message = client.messages().create(ask("anthropic", "How do I cross?").enabledThinking(1024)
                .build());
        ThinkingBlock thinking = message.content().getFirst().asThinking();
        assertThat(thinking.thinking()).startsWith("This is a straightforward question");
        assertThat(thinking.signature()).startsWith("Eq8CCkYICxgCKkDdadQOXMzNBqjr");
        assertThat(message.content().get(1).asText().text()).startsWith("Here's how to cross the street safely:");
    }

    @Test
    void should_round_trip_redacted_thinking() throws Exception {
        fake.enqueue(FakeUpstream.sse(Chunks.after(Fixtures.read("anthropic/redacted-thinking-stream.sse"), "\n\n")));
        Message first = accumulate(ask("anthropic", "Think").enabledThinking(1024).build(), new ArrayList<>());
        String data = first.content().getFirst().asRedactedThinking().data();
        assertThat(data).startsWith("EqkECkYIBxgCKkA8AZ4noDfV5VcOJe");

        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json")));
        client.messages().create(ask("anthropic", "Think").enabledThinking(1024).addMessage(first)
                .addUserMessage("Go on").build());
        JsonNode block = sentBody().get("messages").get(1).get("content").get(0);
        assertThat(block.get("type").asText()).isEqualTo("redacted_thinking");
        assertThat(block.get("data").asText()).isEqualTo(data);
    }

    @Test
    void should_report_cache_usage() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/cache-read-usage.json")));
        Message message = client.messages().create(ask("anthropic", "What is Python?").build());
        assertThat(message.usage().inputTokens()).isEqualTo(3);
        assertThat(message.usage().outputTokens()).isEqualTo(33);
        assertThat(message.usage().cacheReadInputTokens()).contains(1111L);
        assertThat(message.usage().cacheCreationInputTokens()).contains(418L);
    }

    @Test
    void should_answer_over_an_openai_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        Message message = client.messages().create(ask("openai", "What is 4200 + 42?").system("Be brief.").build());
        assertThat(text(message)).isEqualTo("\\(4200 + 42 = 4242\\).");
        assertThat(message.usage().inputTokens()).isEqualTo(16);
        assertThat(message.usage().outputTokens()).isEqualTo(12);
        JsonNode sent = sentBody();
        assertThat(sent.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void should_stream_a_tool_call_from_an_openai_backend() {
        fake.enqueue(FakeUpstream.sse(Chunks.every(Fixtures.read("openai/openai-chat-tool-call-stream.sse"), 41)));
        Message message = accumulate(ask("openai", "Capital of the UK?").addTool(weatherTool()).build(),
                new ArrayList<>());
        ToolUseBlock call = message.content().stream().filter(ContentBlock::isToolUse).findFirst().orElseThrow()
                .asToolUse();
        assertThat(call.name()).isEqualTo("get_capital");
        assertThat(call.id()).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");
        assertThat(call._input().toString()).contains("UK");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void should_answer_over_an_ollama_backend() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("ollama/text.json")));
        Message message = client.messages().create(ask("ollama", "What is 4200 + 42?").build());
        assertThat(text(message)).isEqualTo("4200 + 42 = 4242\n");
        assertThat(message.usage().inputTokens()).isEqualTo(21);
        assertThat(message.usage().outputTokens()).isEqualTo(16);
        assertThat(fake.lastRequest().path).isEqualTo("/api/chat");
    }

    @Test
    void should_stream_ollama_thinking_text_and_tools() {
        fake.enqueue(FakeUpstream.ndjson(Chunks.after(Fixtures.read("ollama/thinking-text-tools-stream.ndjson"),
                "\n")));
        Message message = accumulate(ask("ollama", "Weather in Paris?").addTool(weatherTool()).build(),
                new ArrayList<>());
        List<String> types = message.content().stream().map(b -> b.isThinking() ? "thinking"
                : b.isText() ? "text" : b.isToolUse() ? "tool_use" : "other").toList();
        assertThat(types).startsWith("thinking", "text").contains("tool_use");
        assertThat(message.content().getFirst().asThinking().thinking()).startsWith("The user wants");
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void should_raise_not_found_for_an_unknown_model() {
        NotFoundException error = catchThrowableOfType(NotFoundException.class,
                () -> client.messages().create(ask("claude-opus-4", "hi").build()));
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.getMessage()).contains("not_found_error");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_raise_a_rate_limit_error_with_retry_after() {
        fake.enqueue(FakeUpstream.json(429, Fixtures.read("anthropic/error-429-rate-limit.json"))
                .withHeader("retry-after", "12"));
        RateLimitException error = catchThrowableOfType(RateLimitException.class,
                () -> client.messages().create(ask("anthropic", "hi").build()));
        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.headers().values("retry-after")).containsExactly("12");
        assertThat(error.getMessage()).contains("rate_limit_error");
    }

    @Test
    void should_raise_an_error_for_a_failure_after_the_stream_started() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(Fixtures.read("anthropic/error-sse-mid-stream-overloaded.sse"),
                "\n\n")));
        List<RawMessageStreamEvent> events = new ArrayList<>();
        assertThatThrownBy(() -> accumulate(ask("anthropic", "hi").build(), events))
                .isInstanceOf(AnthropicException.class).hasMessageContaining("verloaded");
        assertThat(events).isNotEmpty();
        assertThat(events.getFirst().isMessageStart()).isTrue();
    }

    @Test
    void should_send_stop_sequences_and_tool_choice_and_report_the_stop_sequence_met() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json").replace(
                "\"stop_reason\":\"end_turn\",\"stop_sequence\":null",
                "\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\"")));
        Message message = client.messages().create(ask("anthropic", "Weather in Paris?").addTool(weatherTool())
                .toolChoice(ToolChoiceAny.builder().disableParallelToolUse(true).build())
                .stopSequences(List.of("END", "STOP")).build());
        assertThat(message.stopReason()).contains(StopReason.STOP_SEQUENCE);
        assertThat(message.stopSequence()).contains("END");
        JsonNode sent = sentBody();
        assertThat(sent.get("stop_sequences")).isEqualTo(JSON.readTree("[\"END\",\"STOP\"]"));
        assertThat(sent.get("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void should_send_a_named_tool_choice_and_stop_sequences_to_an_openai_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        Message message = client.messages().create(ask("openai", "Weather in Paris?").addTool(weatherTool())
                .toolChoice(ToolChoiceTool.builder().name("get_weather").disableParallelToolUse(true).build())
                .stopSequences(List.of("END")).build());
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        JsonNode sent = sentBody();
        assertThat(sent.get("stop")).isEqualTo(JSON.readTree("[\"END\"]"));
        assertThat(sent.get("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"));
        assertThat(sent.get("parallel_tool_calls").asBoolean(true)).isFalse();
    }

    @Test
    void should_send_a_failed_tool_result_as_an_error_to_an_anthropic_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json")));
        client.messages().create(ask("anthropic", "Weather in Paris?").addTool(weatherTool())
                .addAssistantMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                        .id("toolu_1").name("get_weather").input(ToolUseBlockParam.Input.builder()
                                .putAdditionalProperty("city", JsonValue.from("Paris")).build())
                        .build())))
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId("toolu_1").content("weather service down").isError(true).build())))
                .build());
        JsonNode result = sentBody().get("messages").get(2).get("content").get(0);
        assertThat(result.get("type").asText()).isEqualTo("tool_result");
        assertThat(result.get("is_error").asBoolean()).isTrue();
    }

    @Test
    void should_raise_a_bad_request_when_the_backend_cannot_force_a_tool_call() {
        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.messages().create(ask("ollama", "Weather in Paris?").addTool(weatherTool())
                        .toolChoice(ToolChoiceAny.builder().build()).build()));
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.getMessage()).contains("tool_choice: ollama (ollama) cannot force a tool call");
        assertThat(fake.requests()).isEmpty();
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("The weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
                .build();
    }
}
