package io.switchboard.api.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

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

/**
 * The official {@code openai} npm SDK ({@code src/test/js/openai-responses.mjs}) pointed at Switchboard by base URL
 * alone: {@code client.responses.create} plain, streamed, through a tool-calling round and with reasoning, and
 * {@code client.chat.completions.create} once. The assertions read what the script printed from the SDK's objects.
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

    private List<JsonNode> run(String scenario, String... model) {
        return node.run("openai-responses", model.length == 0 ? new String[] { scenario }
                : new String[] { scenario, model[0] });
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
}
