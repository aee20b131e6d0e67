package io.switchboard.api.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.NodeScript;
import io.switchboard.testsupport.SseEvents;

/**
 * The official {@code openai} npm SDK ({@code src/test/js/openai-responses.mjs}) pointed at Switchboard by base URL
 * alone: {@code client.responses.create} plain, streamed, through a tool-calling round and with reasoning, and
 * {@code client.chat.completions.create} once. The assertions read what the script printed from the SDK's objects,
 * and, where the SDK sends a turn's items back (encrypted reasoning with {@code store: false}) or names a stored turn
 * by {@code previous_response_id}, what the fake upstream received.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class OpenAiNodeSdkTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1")
    URL base;

    NodeScript node;

    @BeforeEach
    void setUp() {
        node = NodeScript.against(base, "not-checked-here");
    }

    private List<JsonNode> run(String scenario, String... args) {
        return node.run("openai-responses", Stream.concat(Stream.of(scenario), Stream.of(args)).toArray(String[]::new));
    }

    /** The body the fake upstream received {@code back} requests ago (1: the last). */
    private JsonNode received(int back) throws Exception {
        List<FakeUpstream.Received> requests = fake.requests();
        return JSON.readTree(requests.get(requests.size() - back).body);
    }

    /** The values at {@code pointer} in the data of a recorded SSE fixture's events, in order. */
    private static List<String> recorded(String fixture, String pointer) {
        return SseEvents.parse(FixtureFiles.text(fixture)).stream().map(event -> {
            try {
                return JSON.readTree(event.data()).at(pointer);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + event.data(), e);
            }
        }).filter(JsonNode::isTextual).map(JsonNode::asText).toList();
    }

    @Test
    void should_answer_responses_create_over_the_embedded_mock() {
        JsonNode response = run("plain").getFirst();
        assertThat(response.get("id").asText()).startsWith("resp_");
        assertThat(response.get("status").asText()).isEqualTo("completed");
        assertThat(response.get("text").asText()).isEqualTo("Hello from the mock provider.");
        assertThat(response.at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void should_stream_responses_events_the_sdk_reads() {
        JsonNode streamed = run("streamed").getFirst();
        List<String> types = JSON.convertValue(streamed.get("types"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(types.subList(0, 2)).containsExactly("response.created", "response.in_progress");
        assertThat(types).contains("response.output_item.added", "response.output_text.delta",
                "response.output_text.done", "response.output_item.done");
        assertThat(types.getLast()).isEqualTo("response.completed");
        assertThat(streamed.get("text").asText()).isEqualTo("Hello from the mock provider.");
        assertThat(streamed.at("/completed/text").asText()).isEqualTo("Hello from the mock provider.");
    }

    @Test
    void should_run_a_tool_calling_round_over_an_openai_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-tool-call.json")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        List<JsonNode> answers = run("tools");

        JsonNode call = answers.get(0).at("/calls/0");
        assertThat(call.get("call_id").asText()).isEqualTo("call_iXFttys57ap0o16JSlC8yhYo");
        assertThat(call.get("name").asText()).isEqualTo("get_user_country");
        assertThat(answers.get(1).get("text").asText()).contains("4242");
        // the SDK sent the function_call back with its output, which reach the backend as a tool call and its result
        JsonNode messages = JSON.readTree(fake.lastRequest().body).get("messages");
        assertThat(messages.get(1).at("/tool_calls/0/id").asText()).isEqualTo("call_iXFttys57ap0o16JSlC8yhYo");
        assertThat(messages.get(2).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).get("tool_call_id").asText()).isEqualTo("call_iXFttys57ap0o16JSlC8yhYo");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("Sunny, 21 C");
    }

    @Test
    void should_carry_reasoning_summaries_plain_and_streamed() {
        List<JsonNode> answers = run("reasoning");
        JsonNode response = answers.get(0);
        assertThat(response.get("output").get(0).asText()).isEqualTo("reasoning");
        assertThat(response.get("reasoning").asText()).isEqualTo("The user wants the weather in Paris.");
        assertThat(response.get("calls")).extracting(c -> c.get("name").asText()).containsExactly("get_weather",
                "get_time");
        assertThat(answers.get(1).get("streamed_reasoning").asText()).isEqualTo("The user wants the weather in Paris.");
    }

    @Test
    void should_answer_chat_completions_create_too() {
        JsonNode completion = run("chat").getFirst();
        assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.get("text").asText()).isEqualTo("Hello from the mock provider.");
        assertThat(completion.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(completion.at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void should_continue_retrieve_and_delete_a_stored_response() {
        JsonNode chained = run("chained").getFirst();

        String second = chained.at("/second/id").asText();
        assertThat(chained.at("/stored/id").asText()).isEqualTo(second);
        assertThat(chained.get("previous").asText()).isEqualTo(chained.at("/first/id").asText());
        assertThat(chained.at("/stored/text").asText()).isEqualTo(chained.at("/second/text").asText());
        assertThat(chained.at("/gone/status").asInt()).isEqualTo(404);
        assertThat(chained.at("/gone/code").asText()).isEqualTo("not_found");
    }

    @Test
    void should_run_a_tool_calling_round_over_an_anthropic_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/tool-use-parallel.json")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        List<JsonNode> answers = run("tools", "anthropic");

        assertThat(answers.get(0).at("/calls/0/call_id").asText()).isEqualTo("toolu_01BUvqBj8Yb34pNAbCJJY1oc");
        assertThat(answers.get(1).get("text").asText()).isNotBlank();
        JsonNode messages = JSON.readTree(fake.lastRequest().body).get("messages");
        assertThat(messages.get(1).at("/content/1/id").asText()).isEqualTo("toolu_01BUvqBj8Yb34pNAbCJJY1oc");
        assertThat(messages.get(2).at("/content/0/tool_use_id").asText()).isEqualTo("toolu_01BUvqBj8Yb34pNAbCJJY1oc");
    }

    @Test
    void should_run_a_tool_calling_round_over_a_gemini_backend_with_its_thought_signature() throws Exception {
        String reply = FixtureFiles.text("gemini/function-call-parallel.json");
        fake.enqueue(FakeUpstream.json(200, reply));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        List<JsonNode> answers = run("tools", "gemini");

        assertThat(answers.get(0).get("calls").size()).isEqualTo(2);
        assertThat(answers.get(1).get("text").asText()).contains("4242");
        // the signature rode in the function_call item's id, which the SDK sent back as it got it
        JsonNode contents = JSON.readTree(fake.lastRequest().body).get("contents");
        assertThat(contents.get(1).at("/parts/0/thoughtSignature").asText()).isEqualTo(
                JSON.readTree(reply).at("/candidates/0/content/parts/0/thoughtSignature").asText());
    }

    @Test
    void should_stream_a_gemini_backends_answer() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("gemini/function-call-parallel-stream.sse"), "\n\n")));
        JsonNode streamed = run("streamed", "gemini").getFirst();

        assertThat(streamed.get("types").get(0).asText()).isEqualTo("response.created");
        assertThat(streamed.get("types").get(streamed.get("types").size() - 1).asText())
                .isEqualTo("response.completed");
        assertThat(streamed.at("/completed/calls").size()).isEqualTo(2);
    }

    // ---- reasoning kept by the caller (store: false, include reasoning.encrypted_content) and sent back in input ----

    @Test
    void should_send_anthropic_signed_thinking_the_sdk_sent_back_to_the_upstream_byte_exact() throws Exception {
        JsonNode recorded = JSON.readTree(FixtureFiles.text("anthropic/thinking.json")).at("/content/0");
        String signature = recorded.get("signature").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        List<JsonNode> answers = run("reasoned", "anthropic");

        JsonNode first = answers.get(0);
        assertThat(first.get("output").get(0).asText()).isEqualTo("reasoning");
        assertThat(first.get("reasoning").asText()).isEqualTo(recorded.get("thinking").asText());
        assertThat(first.at("/encrypted/0").asText()).startsWith("sb1.").doesNotContain(signature);
        assertThat(answers.get(1).get("status").asText()).isEqualTo("completed");
        JsonNode messages = received(1).get("messages");
        JsonNode thinking = messages.at("/1/content/0");
        assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
        assertThat(thinking.get("type").asText()).isEqualTo("thinking");
        assertThat(thinking.get("thinking").asText()).isEqualTo(recorded.get("thinking").asText());
        assertThat(thinking.get("signature").asText()).isEqualTo(signature);
        assertThat(messages.at("/1/content/1/type").asText()).isEqualTo("text");
        assertThat(messages.get(2).toString()).contains("And at night?");
    }

    @Test
    void should_send_a_gemini_thought_signature_the_sdk_sent_back_to_the_upstream_byte_exact() throws Exception {
        JsonNode parts = JSON.readTree(FixtureFiles.text("gemini/synthetic-thought-signature.json"))
                .at("/candidates/0/content/parts");
        String signature = parts.get(1).get("thoughtSignature").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/synthetic-thought-signature.json")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        List<JsonNode> answers = run("reasoned", "gemini");

        JsonNode first = answers.get(0);
        assertThat(first.get("output")).extracting(JsonNode::asText).containsExactly("reasoning", "message");
        assertThat(first.get("reasoning").asText()).isEqualTo(parts.get(0).get("text").asText());
        assertThat(first.at("/encrypted/0").asText()).startsWith("sb1.").doesNotContain(signature);
        JsonNode contents = received(1).get("contents");
        assertThat(contents.at("/1/role").asText()).isEqualTo("model");
        // the signature goes back on the answer part Gemini put it on, the thought itself stays behind
        assertThat(contents.at("/1/parts/0/text").asText()).isEqualTo(parts.get(1).get("text").asText());
        assertThat(contents.get(1).findValuesAsText("thoughtSignature")).containsExactly(signature);
        assertThat(contents.at("/2/parts/0/text").asText()).isEqualTo("And at night?");
    }

    @Test
    void should_send_openai_encrypted_reasoning_the_sdk_sent_back_with_a_call_output_byte_exact() throws Exception {
        JsonNode recorded = JSON.readTree(FixtureFiles.text("openai/responses/reasoning-tool-call.json")).get("output");
        String encrypted = recorded.at("/0/encrypted_content").asText();
        String callId = recorded.at("/1/call_id").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/responses/reasoning-tool-call.json")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/responses/text.json")));
        List<JsonNode> answers = run("reasoned", "openai-responses", "tools");

        JsonNode first = answers.get(0);
        assertThat(first.get("output")).extracting(JsonNode::asText).containsExactly("reasoning", "function_call");
        assertThat(first.at("/encrypted/0").asText()).startsWith("sb1.").doesNotContain(encrypted);
        assertThat(first.at("/calls/0/call_id").asText()).isEqualTo(callId);
        assertThat(answers.get(1).get("text").asText()).startsWith("At night");
        // the gateway asked the upstream for the state it hands out sealed, stored nowhere
        JsonNode asked = received(2);
        assertThat(asked.get("store").asBoolean(true)).isFalse();
        assertThat(asked.get("include")).extracting(JsonNode::asText).containsExactly("reasoning.encrypted_content");
        assertThat(fake.lastRequest().path).isEqualTo("/v1/responses");
        JsonNode input = received(1).get("input");
        assertThat(input.at("/1/type").asText()).isEqualTo("reasoning");
        assertThat(input.at("/1/id").asText()).isEqualTo(recorded.at("/0/id").asText());
        assertThat(input.at("/1/encrypted_content").asText()).isEqualTo(encrypted);
        assertThat(input.at("/2/type").asText()).isEqualTo("function_call");
        assertThat(input.at("/2/call_id").asText()).isEqualTo(callId);
        assertThat(input.at("/3/type").asText()).isEqualTo("function_call_output");
        assertThat(input.at("/3/call_id").asText()).isEqualTo(callId);
        assertThat(input.at("/3/output").asText()).isEqualTo("Sunny, 21 C");
    }

    @Test
    void should_carry_encrypted_reasoning_in_the_streamed_output_item_done_and_send_it_back_byte_exact()
            throws Exception {
        String fixture = "anthropic/thinking-stream-signature-delta.sse";
        String signature = recorded(fixture, "/delta/signature").getFirst();
        String thinking = String.join("", recorded(fixture, "/delta/thinking"));
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text(fixture), "\n\n")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        List<JsonNode> answers = run("reasoned_streamed", "anthropic");

        JsonNode reasoning = answers.get(0).at("/done/0");
        assertThat(reasoning.get("encrypted_content").asText()).startsWith("sb1.").doesNotContain(signature);
        assertThat(reasoning.at("/summary/0/text").asText()).isEqualTo(thinking);
        assertThat(answers.get(0).at("/completed/encrypted/0").asText())
                .isEqualTo(reasoning.get("encrypted_content").asText());
        JsonNode block = received(1).at("/messages/1/content/0");
        assertThat(block.get("type").asText()).isEqualTo("thinking");
        assertThat(block.get("thinking").asText()).isEqualTo(thinking);
        assertThat(block.get("signature").asText()).isEqualTo(signature);
    }

    // ---- reasoning kept by the gateway (store: true) and continued by previous_response_id ----

    @Test
    void should_continue_a_stored_anthropic_response_sending_its_signed_thinking_byte_exact() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        List<JsonNode> answers = run("continued", "anthropic");

        assertThat(answers.get(1).get("previous").asText()).isEqualTo(answers.get(0).get("id").asText());
        ContinuedTurns.assertAnthropicReceivedTheSignedThinking(received(1).get("messages"));
    }

    @Test
    void should_continue_a_stored_gemini_response_sending_its_thought_signature_byte_exact() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/synthetic-thought-signature.json")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        List<JsonNode> answers = run("continued", "gemini");

        assertThat(answers.get(1).get("previous").asText()).isEqualTo(answers.get(0).get("id").asText());
        ContinuedTurns.assertGeminiReceivedTheThoughtSignature(received(1).get("contents"));
    }
}
