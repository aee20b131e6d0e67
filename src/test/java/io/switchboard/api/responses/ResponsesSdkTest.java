package io.switchboard.api.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

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
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import com.openai.models.responses.inputitems.InputItemListParams;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.InjectFakeUpstream;

/**
 * The official OpenAI Java SDK's Responses client, pointed at Switchboard by base URL alone: plain, streamed and
 * tool-calling rounds on the embedded mock and over OpenAI-, Anthropic- and Gemini-type backends (fake upstreams
 * replaying recorded bodies), and a backend's reasoning state carried to its next turn, whether the app sends the
 * output back or names it by {@code previous_response_id}. Every answer and event is checked with the SDK's own
 * {@code validate()}.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ResponsesSdkTest {

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

    private static ResponseCreateParams.Builder ask(String model, String question) {
        return ResponseCreateParams.builder().model(model).input(question);
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .build())
                .build();
    }

    private Response create(ResponseCreateParams params) {
        return client.responses().create(params).validate();
    }

    /** The stream's events as the SDK reads them, each validated, and the response the SDK's accumulator builds. */
    private Response accumulate(ResponseCreateParams params, List<ResponseStreamEvent> seen) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            stream.stream().forEach(event -> {
                seen.add(event.validate());
                accumulator.accumulate(event);
            });
        }
        return accumulator.response().validate();
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        response.output().stream().filter(ResponseOutputItem::isMessage).forEach(message -> message.asMessage()
                .content().forEach(part -> text.append(part.asOutputText().text())));
        return text.toString();
    }

    private static List<ResponseFunctionToolCall> calls(Response response) {
        return response.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .map(ResponseOutputItem::asFunctionCall).toList();
    }

    /** The next turn's input: the question, the response's output items as they came, and an output per call. */
    private static List<ResponseInputItem> answered(String question, Response response, String result) {
        List<ResponseInputItem> input = new ArrayList<>();
        input.add(ResponseInputItem.ofMessage(ResponseInputItem.Message.builder()
                .role(ResponseInputItem.Message.Role.USER).addInputTextContent(question).build()));
        for (ResponseOutputItem item : response.output()) {
            if (item.isMessage()) {
                input.add(ResponseInputItem.ofResponseOutputMessage(item.asMessage()));
            } else if (item.isReasoning()) {
                input.add(ResponseInputItem.ofReasoning(item.asReasoning()));
            } else if (item.isFunctionCall()) {
                input.add(ResponseInputItem.ofFunctionCall(item.asFunctionCall()));
            }
        }
        for (ResponseFunctionToolCall call : calls(response)) {
            input.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                    .callId(call.callId()).output(result).build()));
        }
        return input;
    }

    /** The next turn's input when the answer asked nothing: the first turn as it came back, then a new question. */
    private static List<ResponseInputItem> askedAgain(String question, Response response) {
        List<ResponseInputItem> input = answered(question, response, "unused");
        input.add(ResponseInputItem.ofMessage(ResponseInputItem.Message.builder()
                .role(ResponseInputItem.Message.Role.USER).addInputTextContent("And at night?").build()));
        return input;
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(fake.lastRequest().body);
    }

    @Test
    void should_answer_text_over_the_embedded_mock() {
        Response response = create(ask("mock", "hi").build());
        assertThat(text(response)).isEqualTo("Hello from the mock provider.");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.usage().orElseThrow().totalTokens()).isPositive();
    }

    @Test
    void should_answer_over_an_openai_backend_with_its_usage_and_settings() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        Response response = create(ask("openai/gpt-4o-mini", "What is 4200 + 42?").instructions("Be exact.")
                .maxOutputTokens(100).reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build()).build());
        assertThat(text(response)).contains("\\(4200 + 42 = 4242\\).");
        ResponseUsage usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).isEqualTo(16);
        assertThat(usage.outputTokens()).isEqualTo(12);
        assertThat(usage.totalTokens()).isEqualTo(28);
        assertThat(usage.inputTokensDetails().cachedTokens()).isZero();
        assertThat(response.instructions()).isPresent();
        assertThat(response.maxOutputTokens()).contains(100L);
        JsonNode sent = sentBody();
        assertThat(sent.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(100);
        assertThat(sent.get("reasoning_effort").asText()).isEqualTo("low");
        assertThat(sent.has("temperature")).isFalse();
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Be exact.");
    }

    @Test
    void should_stream_reasoning_text_and_function_calls_from_the_embedded_mock() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        Response response = accumulate(ask("mock-tools", "Weather in Paris?").addTool(weatherTool()).build(), events);
        assertThat(events.getFirst().isCreated()).isTrue();
        assertThat(events.getLast().isCompleted()).isTrue();
        assertThat(response.output().getFirst().asReasoning().summary().getFirst().text())
                .isEqualTo("The user wants the weather in Paris.");
        assertThat(text(response)).isEqualTo("Let me check the weather.");
        assertThat(calls(response)).extracting(ResponseFunctionToolCall::name).containsExactly("get_weather",
                "get_time");
        assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDelta)).hasSizeGreaterThan(1);
    }

    @Test
    void should_stream_signed_thinking_and_text_from_an_anthropic_backend() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("anthropic/thinking-stream-signature-delta.sse"),
                "\n\n")));
        List<ResponseStreamEvent> events = new ArrayList<>();
        Response response = accumulate(ask("anthropic", "Think first").build(), events);
        assertThat(response.output().getFirst().isReasoning()).isTrue();
        assertThat(response.output().getFirst().asReasoning().summary().getFirst().text()).isNotBlank();
        assertThat(text(response)).isNotBlank();
        assertThat(events.stream().filter(ResponseStreamEvent::isReasoningSummaryTextDelta)).hasSizeGreaterThan(1);
        assertThat(response.usage().orElseThrow().outputTokens()).isPositive();
    }

    @Test
    void should_stream_thoughts_and_text_from_a_gemini_backend() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("gemini/thought-parts-stream.sse"), "\n")));
        Response response = accumulate(ask("gemini", "Think first").build(), new ArrayList<>());
        assertThat(response.output()).extracting(ResponseOutputItem::isReasoning).containsExactly(true, false);
        assertThat(text(response)).isNotBlank();
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isPositive();
    }

    @Test
    void should_run_a_tool_calling_round_on_the_embedded_mock() {
        Response first = create(ask("mock-tools", "Weather in Paris?").addTool(weatherTool()).build());
        assertThat(calls(first)).hasSize(2);
        // the whole first output goes back as it came (reasoning, message, function calls), with the results
        Response second = create(ResponseCreateParams.builder().model("mock-tools").addTool(weatherTool())
                .inputOfResponse(answered("Weather in Paris?", first, "Sunny")).build());
        assertThat(second.status()).contains(ResponseStatus.COMPLETED);
    }

    @Test
    void should_run_a_tool_calling_round_over_an_openai_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-tool-call.json")));
        Response first = create(ask("openai", "Where am I?").addTool(weatherTool()).build());
        ResponseFunctionToolCall call = calls(first).getFirst();
        assertThat(call.callId()).isEqualTo("call_iXFttys57ap0o16JSlC8yhYo");
        assertThat(call.name()).isEqualTo("get_user_country");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        Response second = create(ResponseCreateParams.builder().model("openai").addTool(weatherTool())
                .inputOfResponse(answered("Where am I?", first, "France")).build());
        assertThat(text(second)).isNotBlank();
        JsonNode messages = sentBody().get("messages");
        assertThat(messages.get(1).at("/tool_calls/0/id").asText()).isEqualTo("call_iXFttys57ap0o16JSlC8yhYo");
        assertThat(messages.get(2).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).get("tool_call_id").asText()).isEqualTo("call_iXFttys57ap0o16JSlC8yhYo");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("France");
    }

    @Test
    void should_run_a_tool_calling_round_over_an_anthropic_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/tool-use-parallel.json")));
        Response first = create(ask("anthropic", "Secrets?").addTool(weatherTool()).build());
        assertThat(calls(first)).extracting(ResponseFunctionToolCall::callId).containsExactly(
                "toolu_01BUvqBj8Yb34pNAbCJJY1oc", "toolu_01VPuQJ1LonDBYXrr8pqPkqQ");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        Response second = create(ResponseCreateParams.builder().model("anthropic").addTool(weatherTool())
                .inputOfResponse(answered("Secrets?", first, "swordfish")).build());
        assertThat(text(second)).isNotBlank();
        JsonNode messages = sentBody().get("messages");
        JsonNode assistant = messages.get(1).get("content");
        assertThat(assistant.get(0).get("type").asText()).isEqualTo("text");
        assertThat(assistant.get(1).get("id").asText()).isEqualTo("toolu_01BUvqBj8Yb34pNAbCJJY1oc");
        assertThat(assistant.get(2).at("/input/password").asText()).isEqualTo("radiance");
        // one user turn per result, which the Messages API joins into one turn
        assertThat(messages.get(2).at("/content/0/tool_use_id").asText()).isEqualTo("toolu_01BUvqBj8Yb34pNAbCJJY1oc");
        assertThat(messages.get(3).at("/content/0/tool_use_id").asText()).isEqualTo("toolu_01VPuQJ1LonDBYXrr8pqPkqQ");
        assertThat(messages.get(3).at("/content/0/content").toString()).contains("swordfish");
    }

    @Test
    void should_run_a_tool_calling_round_over_a_gemini_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/function-call-parallel.json")));
        Response first = create(ask("gemini", "Secrets?").addTool(weatherTool()).build());
        assertThat(calls(first)).hasSize(2);
        assertThat(calls(first)).extracting(ResponseFunctionToolCall::callId).doesNotHaveDuplicates();

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        Response second = create(ResponseCreateParams.builder().model("gemini").addTool(weatherTool())
                .inputOfResponse(answered("Secrets?", first, "swordfish")).build());
        assertThat(text(second)).contains("4242");
        JsonNode contents = sentBody().get("contents");
        assertThat(contents.get(1).at("/parts/0/functionCall/args/password").asText()).isEqualTo("mellon");
        // the call's thought signature rode in the function_call item's id, which the SDK echoed unchanged
        assertThat(contents.get(1).at("/parts/0/thoughtSignature").asText()).isEqualTo(JSON.readTree(
                FixtureFiles.text("gemini/function-call-parallel.json")).at("/candidates/0/content/parts/0/thoughtSignature")
                .asText());
        // Gemini answers a call by the function's name, which a function_call_output does not repeat
        JsonNode response = contents.get(2).at("/parts/0/functionResponse");
        assertThat(response.get("name").asText()).isEqualTo("secret_retrieval_tool");
    }

    @Test
    void should_round_trip_anthropic_encrypted_reasoning_when_the_app_passes_the_output_back() throws Exception {
        JsonNode recorded = JSON.readTree(FixtureFiles.text("anthropic/thinking.json")).at("/content/0");
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        Response first = create(ask("anthropic", "How do I cross the street?")
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).build());
        ResponseReasoningItem reasoning = first.output().getFirst().asReasoning();
        assertThat(reasoning.encryptedContent()).hasValueSatisfying(token -> assertThat(token).startsWith("sb1."));

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        create(ResponseCreateParams.builder().model("anthropic")
                .inputOfResponse(askedAgain("How do I cross the street?", first)).build());
        JsonNode thinking = sentBody().at("/messages/1/content/0");
        assertThat(thinking.get("type").asText()).isEqualTo("thinking");
        assertThat(thinking.get("thinking").asText()).isEqualTo(recorded.get("thinking").asText());
        assertThat(thinking.get("signature").asText()).isEqualTo(recorded.get("signature").asText());
    }

    @Test
    void should_round_trip_streamed_anthropic_encrypted_reasoning_through_the_sdks_accumulator() throws Exception {
        String fixture = FixtureFiles.text("anthropic/thinking-stream-signature-delta.sse");
        fake.enqueue(FakeUpstream.sse(Chunks.after(fixture, "\n\n")));
        Response first = accumulate(ask("anthropic", "How do I cross the street?")
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).build(), new ArrayList<>());
        assertThat(first.output().getFirst().asReasoning().encryptedContent()).isPresent();

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        create(ResponseCreateParams.builder().model("anthropic")
                .inputOfResponse(askedAgain("How do I cross the street?", first)).build());
        JsonNode thinking = sentBody().at("/messages/1/content/0");
        assertThat(thinking.get("type").asText()).isEqualTo("thinking");
        assertThat(fixture).contains("\"signature\":\"" + thinking.get("signature").asText() + "\"");
        assertThat(thinking.get("signature").asText()).hasSizeGreaterThan(100);
    }

    @Test
    void should_round_trip_a_gemini_thought_signature_when_the_app_passes_the_output_back() throws Exception {
        JsonNode parts = JSON.readTree(FixtureFiles.text("gemini/synthetic-thought-signature.json"))
                .at("/candidates/0/content/parts");
        String signature = parts.get(1).get("thoughtSignature").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/synthetic-thought-signature.json")));
        Response first = create(ask("gemini", "How do I cross the street?").store(false)
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).build());
        assertThat(first.output()).extracting(ResponseOutputItem::isReasoning).containsExactly(true, false);
        assertThat(first.output().getFirst().asReasoning().encryptedContent())
                .hasValueSatisfying(token -> assertThat(token).startsWith("sb1.").doesNotContain(signature));

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        create(ResponseCreateParams.builder().model("gemini").store(false)
                .inputOfResponse(askedAgain("How do I cross the street?", first)).build());
        JsonNode contents = sentBody().get("contents");
        assertThat(contents.at("/1/role").asText()).isEqualTo("model");
        // the signature goes back on the answer part Gemini put it on, the thought itself stays behind
        assertThat(contents.at("/1/parts/0/text").asText()).isEqualTo(parts.get(1).get("text").asText());
        assertThat(contents.get(1).findValuesAsText("thoughtSignature")).containsExactly(signature);
        assertThat(contents.at("/2/parts/0/text").asText()).isEqualTo("And at night?");
    }

    @Test
    void should_round_trip_openai_encrypted_reasoning_when_the_app_passes_the_output_back() throws Exception {
        JsonNode recorded = JSON.readTree(FixtureFiles.text("openai/responses/reasoning-text.json")).at("/output/0");
        String encrypted = recorded.get("encrypted_content").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/responses/reasoning-text.json")));
        Response first = create(ask("openai-responses", "How do I cross the street?").store(false)
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).build());
        assertThat(first.output().getFirst().asReasoning().encryptedContent())
                .hasValueSatisfying(token -> assertThat(token).startsWith("sb1.").doesNotContain(encrypted));
        // the gateway asked the upstream for the state it hands out sealed
        assertThat(sentBody().get("include")).extracting(JsonNode::asText)
                .containsExactly("reasoning.encrypted_content");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/responses/text.json")));
        Response second = create(ResponseCreateParams.builder().model("openai-responses").store(false)
                .inputOfResponse(askedAgain("How do I cross the street?", first)).build());
        assertThat(text(second)).startsWith("At night");
        assertThat(fake.lastRequest().path).isEqualTo("/v1/responses");
        JsonNode input = sentBody().get("input");
        assertThat(input.at("/1/type").asText()).isEqualTo("reasoning");
        assertThat(input.at("/1/id").asText()).isEqualTo(recorded.get("id").asText());
        assertThat(input.at("/1/encrypted_content").asText()).isEqualTo(encrypted);
        assertThat(input.at("/2/role").asText()).isEqualTo("assistant");
        assertThat(input.at("/3/content").toString()).contains("And at night?");
    }

    @Test
    void should_continue_a_stored_anthropic_response_with_its_signed_thinking() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        // no include: a stored response keeps the backend's state whatever include says
        Response first = create(ask("anthropic", "How do I cross the street?").build());

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        Response second = create(ResponseCreateParams.builder().model("anthropic").previousResponseId(first.id())
                .input("And at night?").build());
        assertThat(second.previousResponseId()).contains(first.id());
        ContinuedTurns.assertAnthropicReceivedTheSignedThinking(sentBody().get("messages"));
    }

    @Test
    void should_continue_a_stored_gemini_response_with_its_thought_signature() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/synthetic-thought-signature.json")));
        Response first = create(ask("gemini", "How do I cross the street?")
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).build());

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        Response second = create(ResponseCreateParams.builder().model("gemini").previousResponseId(first.id())
                .input("And at night?").build());
        assertThat(second.previousResponseId()).contains(first.id());
        ContinuedTurns.assertGeminiReceivedTheThoughtSignature(sentBody().get("contents"));
    }

    @Test
    void should_hand_a_failure_after_the_first_event_to_the_sdk_as_error_then_failed() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("anthropic/error-sse-mid-stream-overloaded.sse"),
                "\n\n")));
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(ask("anthropic", "hi")
                .build())) {
            stream.stream().forEach(event -> events.add(event.validate()));
        }
        assertThat(events.get(events.size() - 2).error().orElseThrow().message()).containsIgnoringCase("overloaded");
        assertThat(events.getLast().failed().orElseThrow().response().status()).contains(ResponseStatus.FAILED);
    }

    @Test
    void should_raise_a_bad_request_naming_the_field_it_cannot_honour() {
        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.responses().create(ask("openai", "hi").background(true).build()));
        assertThat(error.param()).contains("background");
        assertThat(error.getMessage()).contains("not supported yet");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void should_continue_retrieve_and_delete_a_stored_response() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        Response first = create(ask("openai", "What is 4200 + 42?").instructions("Be exact.").build());
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("openai/openai-chat-text-stream-include-usage.sse"),
                "\n\n")));
        Response second = accumulate(ResponseCreateParams.builder().model("openai").previousResponseId(first.id())
                .input("And times two?").build(), new ArrayList<>());
        assertThat(second.previousResponseId()).contains(first.id());
        JsonNode messages = sentBody().get("messages");
        // the first turn without its instructions, then the new input
        assertThat(messages.get(0).get("content").asText()).isEqualTo("What is 4200 + 42?");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).get("content").asText()).isEqualTo(text(first));
        assertThat(messages.get(2).get("content").asText()).isEqualTo("And times two?");
        assertThat(messages).hasSize(3);

        Response retrieved = client.responses().retrieve(second.id()).validate();
        assertThat(retrieved.id()).isEqualTo(second.id());
        assertThat(text(retrieved)).isEqualTo(text(second));
        assertThat(retrieved.usage()).isEqualTo(second.usage());
        assertThat(client.responses().retrieve(first.id()).validate().instructions()).isPresent();

        // the conversation it was answered from, two items a page, the pages fetched by the SDK's own pager
        List<ResponseItem> items = new ArrayList<>();
        client.responses().inputItems().list(InputItemListParams.builder().responseId(second.id())
                .order(InputItemListParams.Order.ASC).limit(2).build()).autoPager().forEach(items::add);
        assertThat(items).hasSize(3).allSatisfy(ResponseItem::validate);
        assertThat(items.get(0).asResponseInputMessageItem().content().get(0).asInputText().text())
                .isEqualTo("What is 4200 + 42?");
        assertThat(items.get(1).asResponseOutputMessage().id()).isEqualTo(first.output().get(0).asMessage().id());
        assertThat(items.get(2).asResponseInputMessageItem().content().get(0).asInputText().text())
                .isEqualTo("And times two?");

        client.responses().delete(second.id());
        NotFoundException gone = catchThrowableOfType(NotFoundException.class,
                () -> client.responses().retrieve(second.id()));
        assertThat(gone.code()).contains("not_found");
        NotFoundException notContinued = catchThrowableOfType(NotFoundException.class,
                () -> client.responses().create(ask("openai", "Again?").previousResponseId(second.id()).build()));
        assertThat(notContinued.param()).contains("previous_response_id");
    }

    @Test
    void should_raise_not_found_for_an_unknown_model() {
        NotFoundException error = catchThrowableOfType(NotFoundException.class,
                () -> client.responses().create(ask("gpt-4o", "hi").build()));
        assertThat(error.code()).contains("model_not_found");
    }
}
