package io.switchboard.api.gemini;

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
 * The official {@code @google/genai} npm SDK ({@code src/test/js/gemini-sdk.mjs}) pointed at Switchboard by base URL
 * alone, over the {@code gemini} provider's fake upstream: plain, streamed, a function-calling round whose thought
 * signature goes back byte-exact, thinking, and an error. The assertions read what the script printed from the
 * SDK's objects.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class GeminiNodeSdkTest extends FakeUpstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    NodeScript node;

    @BeforeEach
    void setUp() {
        node = NodeScript.against(base, "not-checked-here");
    }

    private List<JsonNode> run(String scenario) {
        return node.run("gemini-sdk", scenario);
    }

    @Test
    void should_answer_generate_content() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        JsonNode answer = run("plain").getFirst();

        assertThat(answer.get("finishReason").asText()).isEqualTo("STOP");
        assertThat(answer.at("/usage/promptTokenCount").asInt()).isEqualTo(13);
        assertThat(answer.get("text").asText()).isNotBlank();
        JsonNode sent = JSON.readTree(fake.lastRequest().body);
        assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
    }

    @Test
    void should_stream_generate_content() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("gemini/text-stream.sse"), "\n\n")));
        JsonNode streamed = run("stream").getFirst();

        assertThat(streamed.get("chunks").asInt()).isGreaterThan(1);
        assertThat(streamed.get("text").asText()).isNotBlank();
        assertThat(streamed.get("finishReason").asText()).isEqualTo("STOP");
        assertThat(streamed.at("/usage/candidatesTokenCount").asInt()).isEqualTo(63);
    }

    @Test
    void should_send_a_function_calls_thought_signature_back_byte_exact() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/function-call-parallel.json")));
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        List<JsonNode> answers = run("tools");

        assertThat(answers.get(0).at("/calls/0/name").asText()).isEqualTo("secret_retrieval_tool");
        assertThat(answers.get(0).at("/signatures/0").asText()).isEqualTo(GenerateContentTest.SIGNATURE);
        JsonNode sent = JSON.readTree(fake.lastRequest().body);
        assertThat(sent.at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo(GenerateContentTest.SIGNATURE);
        assertThat(fake.lastRequest().body).contains("ok mellon");
        assertThat(answers.get(1).get("finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void should_answer_thoughts_when_asked() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/thought-parts.json")));
        JsonNode answer = run("thinking").getFirst();

        assertThat(answer.get("thoughts")).isNotEmpty();
        assertThat(answer.get("thoughtsTokenCount").asInt()).isEqualTo(1754);
    }

    @Test
    void should_answer_an_unknown_model_with_googles_not_found() {
        JsonNode answer = run("error").getFirst();

        assertThat(answer.at("/error/status").asInt()).isEqualTo(404);
    }
}
