package io.switchboard.api.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;

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
 * Google's Gen AI Java SDK ({@code com.google.genai:google-genai}), pointed at Switchboard by its base URL alone:
 * plain, streamed, function calling with the thought signature's round trip, thinking, errors and token counts,
 * over a Gemini-type backend replaying recorded bodies and over others.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class GeminiSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakeUpstream
    FakeUpstream fake;

    @TestHTTPResource("/")
    URL base;

    Client client;

    @BeforeEach
    void setUp() {
        fake.reset();
        client = Client.builder().apiKey("unchecked").httpOptions(HttpOptions.builder().baseUrl(base.toString())
                .retryOptions(HttpRetryOptions.builder().attempts(1).build()).build()).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(fake.lastRequest().body);
    }

    @Test
    void should_answer_text_with_usage_over_a_gemini_backend() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        GenerateContentResponse answer = client.models.generateContent("gemini", "What is 4200 + 42?",
                GenerateContentConfig.builder().systemInstruction(Content.fromParts(Part.fromText("Be brief.")))
                        .temperature(0.3f).maxOutputTokens(300).build());
        assertThat(answer.text()).endsWith("4200 + 42 = **4242**.");
        assertThat(answer.finishReason().toString()).isEqualTo("STOP");
        assertThat(answer.usageMetadata().orElseThrow().promptTokenCount()).contains(13);
        assertThat(answer.usageMetadata().orElseThrow().candidatesTokenCount()).contains(77);
        assertThat(answer.usageMetadata().orElseThrow().thoughtsTokenCount()).contains(25);
        assertThat(answer.modelVersion()).contains("gemini-2.5-flash");
        JsonNode sent = sentBody();
        assertThat(sent.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
        assertThat(sent.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(300);
    }

    @Test
    void should_answer_over_an_anthropic_backend_and_the_mock() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("anthropic/text.json")));
        assertThat(client.models.generateContent("anthropic", "What is 4200 + 42?", null).text())
                .isEqualTo("4200 + 42 = 4242");
        assertThat(client.models.generateContent("mock", "hi", null).text()).isEqualTo("Hello from the mock provider.");
    }

    @Test
    void should_stream_text_with_usage_on_the_last_response() {
        fake.enqueue(FakeUpstream.sse(Chunks.after(FixtureFiles.text("gemini/text-stream.sse"), "\n\n")));
        StringBuilder text = new StringBuilder();
        List<GenerateContentResponse> responses = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream("gemini",
                "What is 4200 + 42?", null)) {
            for (GenerateContentResponse response : stream) {
                responses.add(response);
                if (response.text() != null) {
                    text.append(response.text());
                }
            }
        }
        assertThat(text.toString()).endsWith("So, 4200 + 42 = **4242**.");
        GenerateContentResponse last = responses.getLast();
        assertThat(last.finishReason().toString()).isEqualTo("STOP");
        assertThat(last.usageMetadata().orElseThrow().candidatesTokenCount()).contains(63);
        assertThat(fake.lastRequest().uri).endsWith(":streamGenerateContent?alt=sse");
    }

    @Test
    void should_call_functions_and_return_the_thought_signature_to_gemini_byte_exact() throws Exception {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/function-call-parallel.json")));
        Tool tool = Tool.builder().functionDeclarations(FunctionDeclaration.builder().name("secret_retrieval_tool")
                .description("Gets a secret.").parameters(Schema.builder().type(Type.Known.OBJECT)
                        .properties(Map.of("password", Schema.builder().type(Type.Known.STRING).build()))
                        .required("password").build())
                .build()).build();
        GenerateContentConfig config = GenerateContentConfig.builder().tools(tool).build();
        Content question = Content.builder().role("user").parts(Part.fromText("Get both secrets.")).build();
        GenerateContentResponse answer = client.models.generateContent("gemini", List.of(question), config);
        List<FunctionCall> calls = answer.functionCalls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).name()).contains("secret_retrieval_tool");
        assertThat(calls.get(0).args().orElseThrow()).containsEntry("password", "mellon");
        assertThat(calls.get(0).id()).isPresent();
        assertThat(sentBody().at("/tools/0/functionDeclarations/0/parameters/type").asText())
                .isEqualToIgnoringCase("object");

        Content modelTurn = answer.candidates().orElseThrow().get(0).content().orElseThrow();
        List<Part> results = new ArrayList<>();
        for (FunctionCall call : calls) {
            results.add(Part.builder().functionResponse(com.google.genai.types.FunctionResponse.builder()
                    .id(call.id().orElseThrow()).name(call.name().orElseThrow())
                    .response(Map.of("result", "ok " + call.args().orElseThrow().get("password"))).build()).build());
        }
        Content answers = Content.builder().role("user").parts(results).build();
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/text.json")));
        client.models.generateContent("gemini", List.of(question, modelTurn, answers), config);
        JsonNode sent = sentBody();
        assertThat(sent.at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo(GenerateContentTest.SIGNATURE);
        assertThat(sent.at("/contents/1/parts/1/thoughtSignature").isMissingNode()).isTrue();
        assertThat(sent.at("/contents/2/parts/0/functionResponse/response/result").asText()).isEqualTo("ok mellon");
        assertThat(fake.lastRequest().body).contains("ok radiance");
    }

    @Test
    void should_show_thoughts_when_asked() {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text("gemini/thought-parts.json")));
        GenerateContentResponse answer = client.models.generateContent("gemini", "How many primes below 400 hold 79?",
                GenerateContentConfig.builder().thinkingConfig(ThinkingConfig.builder().includeThoughts(true)
                        .thinkingBudget(2048).build()).build());
        List<Part> parts = answer.candidates().orElseThrow().get(0).content().orElseThrow().parts().orElseThrow();
        assertThat(parts.get(0).thought()).contains(true);
        assertThat(parts.get(0).text().orElseThrow()).startsWith("**Analyzing Prime Numbers");
        assertThat(answer.text()).startsWith("The primes below 400");
        assertThat(answer.usageMetadata().orElseThrow().thoughtsTokenCount()).contains(1754);
    }

    @Test
    void should_raise_the_sdks_api_exception_with_googles_status() {
        fake.enqueue(FakeUpstream.json(429, FixtureFiles.text("gemini/synthetic-error-429-retry-info.error.json")));
        ApiException exhausted = catchThrowableOfType(ApiException.class,
                () -> client.models.generateContent("gemini", "hi", null));
        assertThat(exhausted.code()).isEqualTo(429);
        assertThat(exhausted.status()).isEqualTo("RESOURCE_EXHAUSTED");
        ApiException unknown = catchThrowableOfType(ApiException.class,
                () -> client.models.generateContent("gemini-1.0-ultra", "hi", null));
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo("NOT_FOUND");
    }

    @Test
    void should_count_tokens() {
        assertThat(client.models.countTokens("mock", "abcd".repeat(10), null).totalTokens()).contains(14);
    }
}
