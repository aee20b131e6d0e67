package io.switchboard.api.responses;

import static io.switchboard.testsupport.OpenApiContract.jsonRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.Chunks;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.FixtureFiles;
import io.switchboard.testsupport.SseEvents;

/**
 * A backend's opaque reasoning state through {@code /v1/responses}: handed out sealed (a reasoning item's
 * {@code encrypted_content} when {@code include} asks, a function call's state in its item id), sent back in
 * {@code input}, and received by a backend of the same type byte for byte (recorded Anthropic and Gemini answers);
 * dropped with the summary kept for a backend of another type; an altered token refused naming the field.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ResponsesReasoningTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INCLUDE = ",\"include\":[\"reasoning.encrypted_content\"]";
    private static final String QUESTION = "How do I cross the street?";

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static JsonNode answer(String body) {
        return read(jsonRequest().body(body).post("/v1/responses").then().statusCode(200).extract().asString());
    }

    private static String ask(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"input\":\"" + QUESTION + "\"" + extra + "}";
    }

    /** The next turn's body: the question, the output items as they came, then {@code then} (items, or none). */
    private static String nextTurn(String model, JsonNode output, String then) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode input = body.putArray("input");
        input.addObject().put("role", "user").put("content", QUESTION);
        output.forEach(input::add);
        if (then != null) {
            input.add(read(then));
        }
        return body.toString();
    }

    private static List<String> types(JsonNode output) {
        return output.valueStream().map(item -> item.get("type").asText()).toList();
    }

    private JsonNode sent() {
        return read(fake.lastRequest().body);
    }

    /** The events of a stream, checked against the Responses grammar. */
    private static List<JsonNode> streamed(String body) {
        return ResponsesTest.events(jsonRequest().body(body).post("/v1/responses").then().statusCode(200)
                .extract().asString());
    }

    private static JsonNode doneItem(List<JsonNode> events, String type) {
        return events.stream().filter(event -> event.get("type").asText().equals("response.output_item.done"))
                .map(event -> event.get("item")).filter(item -> item.get("type").asText().equals(type)).findFirst()
                .orElseThrow();
    }

    /** The values of {@code field} in the data of a recorded SSE fixture's events, in order. */
    private static List<String> recorded(String fixture, String pointer) {
        return SseEvents.parse(FixtureFiles.text(fixture)).stream().map(event -> read(event.data()).at(pointer))
                .filter(JsonNode::isTextual).map(JsonNode::asText).toList();
    }

    @Test
    void should_send_anthropic_signed_thinking_back_byte_exact_through_encrypted_content() {
        JsonNode recorded = read(FixtureFiles.text("anthropic/thinking.json")).at("/content/0");
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        JsonNode output = answer(ask("anthropic", INCLUDE)).get("output");
        JsonNode reasoning = output.get(0);
        assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.at("/summary/0/text").asText()).isEqualTo(recorded.get("thinking").asText());
        assertThat(reasoning.get("encrypted_content").asText()).startsWith("sb1.")
                .doesNotContain(recorded.get("signature").asText());

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        answer(nextTurn("anthropic", output, "{\"role\":\"user\",\"content\":\"And at night?\"}"));
        JsonNode assistant = sent().at("/messages/1");
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        JsonNode block = assistant.at("/content/0");
        assertThat(block.get("type").asText()).isEqualTo("thinking");
        assertThat(block.get("thinking").asText()).isEqualTo(recorded.get("thinking").asText());
        assertThat(block.get("signature").asText()).isEqualTo(recorded.get("signature").asText());
        assertThat(assistant.at("/content/1/type").asText()).isEqualTo("text");
    }

    @Test
    void should_send_streamed_anthropic_thinking_and_its_signature_delta_back_byte_exact() {
        String fixture = "anthropic/thinking-stream-signature-delta.sse";
        String signature = recorded(fixture, "/delta/signature").getFirst();
        String thinking = String.join("", recorded(fixture, "/delta/thinking"));
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text(fixture), "\n\n")));
        List<JsonNode> events = streamed(ask("anthropic", ",\"stream\":true" + INCLUDE));
        JsonNode reasoning = doneItem(events, "reasoning");
        assertThat(reasoning.get("encrypted_content").asText()).startsWith("sb1.");
        assertThat(reasoning.at("/summary/0/text").asText()).isEqualTo(thinking);
        JsonNode output = events.getLast().at("/response/output");
        assertThat(output.get(0)).isEqualTo(reasoning);

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        answer(nextTurn("anthropic", output, "{\"role\":\"user\",\"content\":\"And at night?\"}"));
        JsonNode block = sent().at("/messages/1/content/0");
        assertThat(block.get("type").asText()).isEqualTo("thinking");
        assertThat(block.get("thinking").asText()).isEqualTo(thinking);
        assertThat(block.get("signature").asText()).isEqualTo(signature);
    }

    @Test
    void should_send_streamed_anthropic_redacted_thinking_back_byte_exact() {
        String fixture = "anthropic/redacted-thinking-stream.sse";
        List<String> data = recorded(fixture, "/content_block/data");
        assertThat(data).hasSize(2);
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text(fixture), "\n\n")));
        List<JsonNode> events = streamed(ask("anthropic", ",\"stream\":true" + INCLUDE));
        JsonNode reasoning = doneItem(events, "reasoning");
        // redacted thinking has no text to show: an item with an empty summary and the sealed blocks
        assertThat(reasoning.get("summary")).isEmpty();
        assertThat(reasoning.get("encrypted_content").asText()).startsWith("sb1.");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        answer(nextTurn("anthropic", events.getLast().at("/response/output"), "{\"role\":\"user\",\"content\":\"Go on\"}"));
        JsonNode content = sent().at("/messages/1/content");
        assertThat(content.get(0).get("type").asText()).isEqualTo("redacted_thinking");
        assertThat(content.get(0).get("data").asText()).isEqualTo(data.get(0));
        assertThat(content.get(1).get("type").asText()).isEqualTo("redacted_thinking");
        assertThat(content.get(1).get("data").asText()).isEqualTo(data.get(1));
        assertThat(content.get(2).get("type").asText()).isEqualTo("text");
    }

    @Test
    void should_send_a_gemini_function_call_thought_signature_back_on_that_call() {
        String signature = read(FixtureFiles.text("gemini/function-call-parallel.json"))
                .at("/candidates/0/content/parts/0/thoughtSignature").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/function-call-parallel.json")));
        JsonNode output = answer(ask("gemini", INCLUDE + ",\"tools\":[{\"type\":\"function\",\"name\":"
                + "\"secret_retrieval_tool\",\"parameters\":{\"type\":\"object\"}}]")).get("output");
        assertThat(types(output)).containsExactly("function_call", "function_call");
        // the first call carries the signature, sealed in its id; the second carries none
        assertThat(output.get(0).get("id").asText()).startsWith("fc_sb1.").doesNotContain(signature);
        assertThat(output.get(1).get("id").asText()).doesNotContain("sb1.");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        answer(nextTurn("gemini", output, "{\"type\":\"function_call_output\",\"call_id\":\""
                + output.get(0).get("call_id").asText() + "\",\"output\":\"swordfish\"}"));
        JsonNode parts = sent().at("/contents/1/parts");
        assertThat(parts.get(0).at("/functionCall/args/password").asText()).isEqualTo("mellon");
        assertThat(parts.get(0).get("thoughtSignature").asText()).isEqualTo(signature);
        assertThat(parts.get(1).has("thoughtSignature")).isFalse();
    }

    @Test
    void should_send_a_streamed_gemini_function_call_thought_signature_back_on_that_call() {
        String fixture = "gemini/function-call-parallel-stream.sse";
        String signature = recorded(fixture, "/candidates/0/content/parts/0/thoughtSignature").getFirst();
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text(fixture), "\n")));
        List<JsonNode> events = streamed(ask("gemini", ",\"stream\":true"));
        JsonNode output = events.getLast().at("/response/output");
        JsonNode call = doneItem(events, "function_call");
        assertThat(call.get("id").asText()).startsWith("fc_sb1.");
        assertThat(output.get(0)).isEqualTo(call);

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        answer(nextTurn("gemini", output, "{\"type\":\"function_call_output\",\"call_id\":\""
                + call.get("call_id").asText() + "\",\"output\":\"swordfish\"}"));
        assertThat(sent().at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo(signature);
    }

    @Test
    void should_hand_out_a_streamed_gemini_signature_on_answer_text_after_the_message_without_splitting_it() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("gemini/synthetic-signature-on-text-stream.sse"),
                "\n")));
        List<JsonNode> events = streamed(ask("gemini", ",\"stream\":true" + INCLUDE));
        JsonNode output = events.getLast().at("/response/output");
        assertThat(types(output)).containsExactly("message", "reasoning");
        assertThat(output.at("/0/content/0/text").asText()).isEqualTo("Hello world");
        assertThat(output.at("/1/summary")).isEmpty();
        assertThat(output.at("/1/encrypted_content").asText()).startsWith("sb1.");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        answer(nextTurn("gemini", output, "{\"role\":\"user\",\"content\":\"And?\"}"));
        JsonNode parts = sent().at("/contents/1/parts");
        assertThat(parts.get(0).get("text").asText()).isEqualTo("Hello world");
        assertThat(parts.findValuesAsText("thoughtSignature")).containsExactly("c2lnLXRleHQ=");
    }

    @Test
    void should_drop_an_anthropic_signature_sent_to_an_openai_backend_and_keep_the_summary_as_context() {
        JsonNode recorded = read(FixtureFiles.text("anthropic/thinking.json")).at("/content/0");
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        JsonNode output = answer(ask("anthropic", INCLUDE)).get("output");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        answer(nextTurn("openai-tuned", output, "{\"role\":\"user\",\"content\":\"And at night?\"}"));
        assertThat(fake.lastRequest().body).doesNotContain(recorded.get("signature").asText()).doesNotContain("sb1.");
        JsonNode assistant = sent().at("/messages/1");
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        assertThat(assistant.get("reasoning_content").asText()).isEqualTo(recorded.get("thinking").asText());
    }

    @Test
    void should_drop_an_anthropic_signature_sent_to_a_gemini_backend_which_would_send_it_as_a_thought_signature() {
        String signature = read(FixtureFiles.text("anthropic/thinking.json")).at("/content/0/signature").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        JsonNode output = answer(ask("anthropic", INCLUDE)).get("output");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        answer(nextTurn("gemini", output, "{\"role\":\"user\",\"content\":\"And at night?\"}"));
        assertThat(fake.lastRequest().body).doesNotContain(signature).doesNotContain("thoughtSignature");
        JsonNode model = sent().at("/contents/1");
        assertThat(model.get("role").asText()).isEqualTo("model");
        assertThat(model.at("/parts/0/text").asText()).startsWith("Here's how to cross the street safely");
    }

    @Test
    void should_drop_a_gemini_call_signature_sent_to_an_anthropic_backend() {
        String signature = read(FixtureFiles.text("gemini/function-call-parallel.json"))
                .at("/candidates/0/content/parts/0/thoughtSignature").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/function-call-parallel.json")));
        JsonNode output = answer(ask("gemini", INCLUDE)).get("output");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        answer(nextTurn("anthropic", output, "{\"type\":\"function_call_output\",\"call_id\":\""
                + output.get(0).get("call_id").asText() + "\",\"output\":\"swordfish\"}"));
        assertThat(fake.lastRequest().body).doesNotContain(signature).doesNotContain("sb1.");
        assertThat(sent().at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(sent().at("/messages/1/content/0/input/password").asText()).isEqualTo("mellon");
    }

    @Test
    void should_refuse_an_altered_encrypted_content_or_call_id_naming_the_field() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        ObjectNode reasoning = (ObjectNode) answer(ask("anthropic", INCLUDE)).at("/output/0");
        String token = reasoning.get("encrypted_content").asText();
        reasoning.put("encrypted_content", altered(token));
        String body = nextTurn("anthropic", JSON.createArrayNode().add(reasoning),
                "{\"role\":\"user\",\"content\":\"And at night?\"}");
        fake.reset();
        JsonNode refused = read(jsonRequest().body(body).post("/v1/responses").then().statusCode(400).extract()
                .asString());
        assertThat(refused.at("/error/param").asText()).isEqualTo("input[1].encrypted_content");
        assertThat(refused.at("/error/message").asText()).doesNotContain(token.substring(4, 40));

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/function-call-parallel.json")));
        ObjectNode call = (ObjectNode) answer(ask("gemini", "")).at("/output/0");
        call.put("id", altered(call.get("id").asText()));
        fake.reset();
        refused = read(jsonRequest().body(nextTurn("gemini", JSON.createArrayNode().add(call), null))
                .post("/v1/responses").then().statusCode(400).extract().asString());
        assertThat(refused.at("/error/param").asText()).isEqualTo("input[1].id");
        assertThat(fake.requests()).isEmpty();
    }

    /** The token with one character of its sealed part changed. */
    private static String altered(String token) {
        int at = token.length() - 10;
        return token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    @Test
    void should_drop_a_token_of_another_key_and_send_the_summary_as_context() {
        byte[] payload = "{\"type\":\"openai-tuned\",\"thinking\":[{\"text\":\"forged\",\"signature\":\"sig\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] token = new byte[36 + payload.length];
        // a key id of another key, a tag of no key
        token[0] = 1;
        token[1] = 2;
        System.arraycopy(payload, 0, token, 36, payload.length);
        String foreign = "sb1." + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/openai-chat-text.json")));
        answer("""
                {"model": "openai-tuned", "input": [
                  {"role": "user", "content": "Weather?"},
                  {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "Use the tool."}],
                   "encrypted_content": "%s"},
                  {"type": "message", "role": "assistant", "content": "Sunny."},
                  {"role": "user", "content": "Thanks"}]}
                """.formatted(foreign));
        assertThat(fake.lastRequest().body).doesNotContain("forged");
        assertThat(sent().at("/messages/1/reasoning_content").asText()).isEqualTo("Use the tool.");
    }

    @Test
    void should_hand_out_encrypted_content_without_include_only_in_a_stored_response() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        JsonNode reasoning = answer(ask("anthropic", ",\"store\":false")).at("/output/0");
        assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.has("encrypted_content")).isFalse();

        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("anthropic/redacted-thinking-stream.sse"),
                "\n\n")));
        List<JsonNode> events = streamed(ask("anthropic", ",\"stream\":true,\"store\":false"));
        // redacted thinking alone, not asked for: no reasoning item at all, as before
        assertThat(types(events.getLast().at("/response/output"))).containsExactly("message");
        assertThat(events.toString()).doesNotContain("encrypted_content");

        // stored (the default): the state is kept, so that previous_response_id can send it back
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/thinking.json")));
        assertThat(answer(ask("anthropic", "")).at("/output/0").has("encrypted_content")).isTrue();
    }

    // ---- OpenAI's encrypted reasoning, over a backend speaking the Responses API (api=responses) ----

    private static final String OPENAI_REASONING = "openai/responses/reasoning-text.json";

    /** The recorded reasoning item of an OpenAI Responses answer. */
    private static JsonNode openAiReasoning() {
        return read(FixtureFiles.text(OPENAI_REASONING)).at("/output/0");
    }

    /** The reasoning item the upstream received as the second item of its input, checked against the recorded one. */
    private void assertOpenAiReasoningSentBackByteExact() {
        JsonNode recorded = openAiReasoning();
        JsonNode input = sent().get("input");
        assertThat(input.get(0).get("content").asText()).isEqualTo(QUESTION);
        JsonNode reasoning = input.get(1);
        assertThat(reasoning.get("type").asText()).isEqualTo("reasoning");
        assertThat(reasoning.get("id").asText()).isEqualTo(recorded.get("id").asText());
        assertThat(reasoning.get("encrypted_content").asText()).isEqualTo(recorded.get("encrypted_content").asText());
        assertThat(reasoning.at("/summary/0/text").asText()).isEqualTo(recorded.at("/summary/0/text").asText() + "\n\n"
                + recorded.at("/summary/1/text").asText());
        assertThat(input.get(2).get("role").asText()).isEqualTo("assistant");
        assertThat(input.get(2).get("content").asText()).startsWith("Use a crosswalk");
        assertThat(input.get(3).get("content").asText()).isEqualTo("And at night?");
        assertThat(input).hasSize(4);
    }

    @Test
    void should_send_openai_encrypted_reasoning_back_byte_exact_through_encrypted_content() {
        JsonNode recorded = openAiReasoning();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(OPENAI_REASONING)));
        JsonNode output = answer(ask("openai-responses", INCLUDE)).get("output");
        assertThat(types(output)).containsExactly("reasoning", "message");
        assertThat(output.get(0).get("encrypted_content").asText()).startsWith("sb1.")
                .doesNotContain(recorded.get("encrypted_content").asText());
        assertThat(output.get(0).at("/summary/0/text").asText())
                .startsWith(recorded.at("/summary/0/text").asText());

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/responses/text.json")));
        JsonNode second = answer(nextTurn("openai-responses", output, "{\"role\":\"user\",\"content\":\"And at night?\"}"));
        assertThat(second.at("/output/0/content/0/text").asText()).startsWith("At night");
        assertThat(fake.lastRequest().path).isEqualTo("/v1/responses");
        assertOpenAiReasoningSentBackByteExact();
    }

    @Test
    void should_send_streamed_openai_encrypted_reasoning_back_byte_exact() {
        String fixture = FixtureFiles.text("openai/responses/reasoning-text-stream.sse");
        fake.enqueue(FakeUpstream.sse(Chunks.every(fixture, 13)));
        List<JsonNode> events = streamed(ask("openai-responses", ",\"stream\":true" + INCLUDE));
        JsonNode reasoning = doneItem(events, "reasoning");
        assertThat(reasoning.get("encrypted_content").asText()).startsWith("sb1.");
        JsonNode output = events.getLast().at("/response/output");
        assertThat(types(output)).containsExactly("reasoning", "message");

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/responses/text.json")));
        answer(nextTurn("openai-responses", output, "{\"role\":\"user\",\"content\":\"And at night?\"}"));
        assertOpenAiReasoningSentBackByteExact();
    }

    @Test
    void should_send_openai_encrypted_reasoning_of_a_stored_response_back_through_previous_response_id() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(OPENAI_REASONING)));
        String id = answer(ask("openai-responses", INCLUDE)).get("id").asText();

        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("openai/responses/text.json")));
        answer("{\"model\":\"openai-responses\",\"previous_response_id\":\"" + id
                + "\",\"input\":\"And at night?\"}");
        assertOpenAiReasoningSentBackByteExact();
    }

    @Test
    void should_drop_openai_encrypted_reasoning_when_a_route_falls_back_to_anthropic() {
        String encrypted = openAiReasoning().get("encrypted_content").asText();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(OPENAI_REASONING)));
        JsonNode output = answer(ask("openai-responses", INCLUDE)).get("output");

        fake.enqueue(FakeUpstream.json(503, "{\"error\":{\"message\":\"The engine is currently overloaded.\","
                + "\"type\":\"server_error\",\"code\":null}}"));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        answer(nextTurn("openai-responses-then-anthropic", output, "{\"role\":\"user\",\"content\":\"And at night?\"}"));
        List<FakeUpstream.Received> requests = fake.requests();
        // the first target got the state byte for byte; the fallback target, of another type, none of it
        assertThat(requests.get(requests.size() - 2).path).isEqualTo("/v1/responses");
        assertThat(requests.get(requests.size() - 2).body).contains(encrypted);
        FakeUpstream.Received anthropic = requests.getLast();
        assertThat(anthropic.path).isEqualTo("/v1/messages");
        assertThat(anthropic.body).doesNotContain(encrypted).doesNotContain("sb1.").doesNotContain("rs_");
        JsonNode assistant = read(anthropic.body).at("/messages/1");
        assertThat(assistant.get("role").asText()).isEqualTo("assistant");
        // Anthropic refuses unsigned thinking: the summary is left out there, the answer's text stays
        assertThat(assistant.toString()).doesNotContain("\"thinking\"").contains("Use a crosswalk");
    }
}
