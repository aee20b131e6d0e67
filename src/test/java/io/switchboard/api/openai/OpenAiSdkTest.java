package io.switchboard.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;

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
 * The official OpenAI Java SDK, pointed at Switchboard by base URL alone, over OpenAI-, Anthropic-,
 * Gemini- and Ollama-type backends (fake upstreams replaying recorded bodies).
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OpenAiSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakeUpstream
    FakeUpstream fake;

    @TestHTTPResource("/v1")
    URL base;

    OpenAIClient client;

    @BeforeEach
    void setUp() {
        fake.reset();
        client = OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey("not-checked-here").maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question);
    }

    private ChatCompletion accumulate(ChatCompletionCreateParams params, List<ChatCompletionChunk> seen) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                seen.add(chunk);
                accumulator.accumulate(chunk);
            });
        }
        return accumulator.chatCompletion();
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(fake.lastRequest().body);
    }

    @Test
    void should_answer_text_with_usage_over_an_openai_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        ChatCompletion completion = client.chat().completions().create(ask("openai", "What is 4200 + 42?")
                .temperature(0.2).maxCompletionTokens(100).build());
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).contains("\\(4200 + 42 = 4242\\).");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.model()).isEqualTo("openai");
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(16);
        assertThat(usage.completionTokens()).isEqualTo(12);
        assertThat(usage.totalTokens()).isEqualTo(28);
        JsonNode sent = sentBody();
        assertThat(sent.get("model").asText()).isEqualTo("gpt-4o");
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.get("messages").get(0).get("content").asText()).isEqualTo("What is 4200 + 42?");
    }

    @Test
    void should_use_the_model_after_the_provider_name() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        client.chat().completions().create(ask("openai/gpt-4o-mini", "hi").build());
        assertThat(sentBody().get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void should_stream_text_and_a_usage_chunk_when_asked() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(Fixtures.read("openai/openai-chat-text-stream-include-usage.sse"),
                "\n\n")));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        ChatCompletion completion = accumulate(ask("openai", "Capital of France?")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build(), chunks);
        assertThat(completion.choices().get(0).message().content()).contains("The capital of the UK is London.");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().totalTokens()).isPositive();
        assertThat(chunks.size()).isGreaterThan(3);
    }

    @Test
    void should_stream_a_tool_call_whose_arguments_arrive_in_fragments() throws Exception {
        fake.enqueue(FakeUpstream.sse(Chunks.every(Fixtures.read("openai/openai-chat-tool-call-stream.sse"), 37)));
        ChatCompletion completion = accumulate(ask("openai", "Capital of the UK?")
                .addFunctionTool(FunctionDefinition.builder().name("get_capital")
                        .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                                .build())
                        .build())
                .build(), new ArrayList<>());
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");
        assertThat(call.function().name()).isEqualTo("get_capital");
        assertThat(JSON.readTree(call.function().arguments())).isEqualTo(JSON.readTree("{\"country\":\"UK\"}"));
        JsonNode tool = sentBody().get("tools").get(0);
        assertThat(tool.get("function").get("name").asText()).isEqualTo("get_capital");
    }

    @Test
    void should_send_a_tool_result_back_with_the_call_it_answers() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        ChatCompletionMessage assistant = ChatCompletionMessage.builder().content((String) null).refusal((String) null)
                .toolCalls(List.of(com.openai.models.chat.completions.ChatCompletionMessageToolCall.ofFunction(
                        ChatCompletionMessageFunctionToolCall.builder().id("call_1")
                                .function(ChatCompletionMessageFunctionToolCall.Function.builder().name("get_capital")
                                        .arguments("{\"country\":\"UK\"}").build())
                                .build())))
                .build();
        client.chat().completions().create(ask("gemini", "Capital of the UK?").addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1").content("London").build())
                .build());
        // Gemini answers a call by the function's name, which the tool message does not repeat
        JsonNode contents = sentBody().get("contents");
        JsonNode response = contents.get(2).get("parts").get(0).get("functionResponse");
        assertThat(response.get("name").asText()).isEqualTo("get_capital");
        assertThat(contents.get(1).get("parts").get(0).get("functionCall").get("args").get("country").asText())
                .isEqualTo("UK");
    }

    @Test
    void should_answer_signed_reasoning_from_anthropic_and_send_it_back_unchanged() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/thinking.json")));
        ChatCompletion completion = client.chat().completions().create(ask("anthropic", "How do I cross?").build());
        ChatCompletionMessage message = completion.choices().get(0).message();
        Map<String, JsonValue> extra = message._additionalProperties();
        String thinking = extra.get("reasoning_content").asStringOrThrow();
        String signature = extra.get("reasoning_signature").asStringOrThrow();
        assertThat(thinking).startsWith("This is a straightforward question");
        assertThat(signature).startsWith("Eq8CCkYICxgCKkDdadQOXMzNBqjr");
        assertThat(message.content()).hasValueSatisfying(text -> assertThat(text).startsWith("Here's how"));

        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json")));
        ChatCompletionAssistantMessageParam echoed = ChatCompletionAssistantMessageParam.builder()
                .content(message.content().orElseThrow())
                .putAdditionalProperty("reasoning_content", JsonValue.from(thinking))
                .putAdditionalProperty("reasoning_signature", JsonValue.from(signature))
                .build();
        client.chat().completions().create(ask("anthropic", "How do I cross?").addMessage(echoed)
                .addUserMessage("And at night?").build());
        JsonNode block = sentBody().get("messages").get(1).get("content").get(0);
        assertThat(block.get("type").asText()).isEqualTo("thinking");
        assertThat(block.get("thinking").asText()).isEqualTo(thinking);
        assertThat(block.get("signature").asText()).isEqualTo(signature);
    }

    @Test
    void should_stream_anthropic_thinking_as_reasoning_content_with_its_signature() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(Fixtures.read("anthropic/thinking-stream-signature-delta.sse"),
                "\n\n")));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        ChatCompletion completion = accumulate(ask("anthropic", "Think first").build(), chunks);
        StringBuilder reasoning = new StringBuilder();
        String signature = null;
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                Map<String, JsonValue> extra = choice.delta()._additionalProperties();
                if (extra.containsKey("reasoning_content")) {
                    reasoning.append(extra.get("reasoning_content").asStringOrThrow());
                }
                if (extra.containsKey("reasoning_signature")) {
                    signature = extra.get("reasoning_signature").asStringOrThrow();
                }
            }
        }
        assertThat(reasoning.toString()).isNotBlank();
        assertThat(signature).isNotBlank();
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        assertThat(chunks.getFirst().choices().get(0).delta().role()).isPresent();
    }

    @Test
    void should_report_cached_and_reasoning_tokens() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-reasoning-model-usage.json")));
        CompletionUsage usage = client.chat().completions().create(ask("openai", "Think").build()).usage()
                .orElseThrow();
        JsonNode recorded = readFixture("openai/openai-chat-reasoning-model-usage.json").get("usage");
        assertThat(usage.promptTokens()).isEqualTo(recorded.get("prompt_tokens").asLong());
        assertThat(usage.completionTokens()).isEqualTo(recorded.get("completion_tokens").asLong());
        assertThat(usage.totalTokens()).isEqualTo(recorded.get("total_tokens").asLong());
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(
                recorded.get("completion_tokens_details").get("reasoning_tokens").asLong());
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(
                recorded.get("prompt_tokens_details").get("cached_tokens").asLong());
    }

    @Test
    void should_answer_over_a_gemini_backend() {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("gemini/text.json")));
        ChatCompletion completion = client.chat().completions().create(ask("gemini", "What is 4200 + 42?").build());
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(
                text -> assertThat(text).contains("4200 + 42 = **4242**"));
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(13);
        // Gemini's thoughts count as reasoning inside OpenAI's completion tokens
        assertThat(usage.completionTokens()).isEqualTo(77 + 25);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(25L);
        assertThat(fake.lastRequest().path).contains(":generateContent");
    }

    @Test
    void should_stream_parallel_tool_calls_over_a_gemini_backend() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(Fixtures.read("gemini/function-call-parallel-stream.sse"), "\n")));
        ChatCompletion completion = accumulate(ask("gemini", "Weather?").build(), new ArrayList<>());
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(choice.message().toolCalls().orElseThrow()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void should_list_every_provider_and_route_as_a_model() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).contains("openai", "anthropic", "gemini", "ollama", "assistant");
    }

    @Test
    void should_raise_not_found_for_an_unknown_model() {
        NotFoundException error = catchThrowableOfType(NotFoundException.class,
                () -> client.chat().completions().create(ask("gpt-4o", "hi").build()));
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.code()).contains("model_not_found");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_raise_a_rate_limit_error_with_retry_after() {
        fake.enqueue(FakeUpstream.json(429, Fixtures.read("openai/openai-chat-error-429-rate-limit-tokens.json"))
                .withHeader("Retry-After", "7"));
        RateLimitException error = catchThrowableOfType(RateLimitException.class,
                () -> client.chat().completions().create(ask("openai", "hi").build()));
        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.headers().values("retry-after")).containsExactly("7");
        assertThat(error.code()).contains("rate_limit_exceeded");
        // the SDK hands over the inside of the error envelope
        Map<String, JsonValue> body = object(error.body());
        assertThat(body.get("retryable").asBoolean()).contains(true);
        assertThat(body.get("provider").asStringOrThrow()).isEqualTo("openai");
    }

    @Test
    void should_refuse_what_it_cannot_honour_naming_the_field() {
        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.chat().completions().create(ask("openai", "hi").n(2).build()));
        assertThat(error.param()).contains("n");
        assertThat(error.getMessage()).contains("n: only 1 choice");
        assertThatThrownBy(() -> client.chat().completions().create(ask("openai", "hi").presencePenalty(0.5).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("presence_penalty");
        assertThat(fake.requests()).isEmpty();
    }

    private static FunctionDefinition weatherFunction() {
        return FunctionDefinition.builder().name("get_weather")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object")).build())
                .build();
    }

    @Test
    void should_send_stop_a_named_tool_choice_and_one_call_only_to_an_anthropic_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("anthropic/text.json")));
        ChatCompletion completion = client.chat().completions().create(ask("anthropic", "Weather in Paris?")
                .addFunctionTool(weatherFunction()).stopOfStrings(List.of("END", "STOP")).parallelToolCalls(false)
                .toolChoice(ChatCompletionNamedToolChoice.builder()
                        .function(ChatCompletionNamedToolChoice.Function.builder().name("get_weather").build()).build())
                .build());
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        JsonNode sent = sentBody();
        assertThat(sent.get("stop_sequences")).isEqualTo(JSON.readTree("[\"END\",\"STOP\"]"));
        assertThat(sent.get("tool_choice")).isEqualTo(
                JSON.readTree("{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void should_send_a_single_stop_and_a_required_tool_choice_to_a_gemini_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("gemini/text.json")));
        client.chat().completions().create(ask("gemini", "Weather in Paris?").addFunctionTool(weatherFunction())
                .stop("END").toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).build());
        JsonNode sent = sentBody();
        assertThat(sent.at("/generationConfig/stopSequences")).isEqualTo(JSON.readTree("[\"END\"]"));
        assertThat(sent.at("/toolConfig/functionCallingConfig")).isEqualTo(JSON.readTree("{\"mode\":\"ANY\"}"));
    }

    @Test
    void should_raise_a_bad_request_when_the_backend_cannot_limit_tool_calls() {
        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.chat().completions().create(ask("gemini", "Weather in Paris?")
                        .addFunctionTool(weatherFunction()).parallelToolCalls(false).build()));
        assertThat(error.getMessage()).contains("parallel_tool_calls: gemini (gemini) cannot limit the model");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_raise_an_error_for_a_failure_after_the_first_chunk() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(Fixtures.read("anthropic/error-sse-mid-stream-overloaded.sse"),
                "\n\n")));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        assertThatThrownBy(() -> accumulate(ask("anthropic", "hi").build(), chunks))
                .isInstanceOf(SseException.class).hasMessageContaining("verloaded");
        assertThat(chunks).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, JsonValue> object(JsonValue value) {
        return (Map<String, JsonValue>) value.asObject().orElseThrow();
    }

    private static JsonNode readFixture(String path) {
        try {
            return JSON.readTree(Fixtures.read(path));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_embed_with_the_sdk_default_encoding_over_an_openai_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, io.switchboard.testsupport.FixtureFiles.text(
                "openai/synthetic-embeddings.json")));
        // the SDK asks for base64 unless told otherwise, and decodes it
        CreateEmbeddingResponse answer = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("openai/text-embedding-3-small").inputOfArrayOfStrings(List.of("first", "second")).build());

        assertThat(answer.data()).hasSize(2);
        assertThat(answer.data().get(1).embedding()).containsExactly(0.0123456f, -0.0271829f, 0.031415926f, 0.5f);
        assertThat(answer.data().get(1).index()).isEqualTo(1);
        assertThat(answer.usage().promptTokens()).isEqualTo(9);
        assertThat(answer.usage().totalTokens()).isEqualTo(9);
        assertThat(sentBody().get("input").toString()).isEqualTo("[\"first\",\"second\"]");
    }

    @Test
    void should_embed_floats_with_dimensions_from_the_mock() {
        CreateEmbeddingResponse answer = client.embeddings().create(EmbeddingCreateParams.builder().model("mock")
                .input("a deterministic text").dimensions(5).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                .build());
        CreateEmbeddingResponse again = client.embeddings().create(EmbeddingCreateParams.builder().model("mock")
                .input("a deterministic text").dimensions(5).build());

        assertThat(answer.data().get(0).embedding()).hasSize(5).isEqualTo(again.data().get(0).embedding());
        assertThat(answer.model()).isEqualTo("mock");
        assertThat(answer.usage().promptTokens()).isEqualTo(3);
    }

    @Test
    void should_raise_bad_request_for_a_backend_without_embeddings() {
        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.embeddings().create(EmbeddingCreateParams.builder().model("anthropic").input("hi")
                        .build()));
        assertThat(error.getMessage()).contains("anthropic");
    }
}
