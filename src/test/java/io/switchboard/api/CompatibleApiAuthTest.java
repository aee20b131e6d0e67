package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.ResponseCreateParams;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.metrics.AccessLog;
import io.switchboard.testsupport.AccessLogLines;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.GatewayAndAdminKeys;
import io.switchboard.testsupport.OpenApiContract;

/** The gateway key on the compatible APIs, through the official SDKs: the header each sends, and each SDK's error. */
@QuarkusTest
@TestProfile(GatewayAndAdminKeys.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class CompatibleApiAuthTest {

    @TestHTTPResource("/v1")
    URL base;

    private OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey(key).maxRetries(0).build();
    }

    private AnthropicClient anthropic(String key) {
        return AnthropicOkHttpClient.builder().baseUrl(base.toString().replaceAll("/v1$", "")).apiKey(key)
                .maxRetries(0).build();
    }

    private static MessageCreateParams helloMessage() {
        return MessageCreateParams.builder().model("mock").maxTokens(64).addUserMessage("hi").build();
    }

    private static ChatCompletionCreateParams hello() {
        return ChatCompletionCreateParams.builder().model("mock").addUserMessage("hi").build();
    }

    @Test
    void should_accept_the_gateway_key_from_the_openai_sdk() {
        assertThat(openAi("key-two").chat().completions().create(hello()).choices().get(0).message().content())
                .contains("Hello from the mock provider.");
    }

    @Test
    void should_raise_the_openai_sdk_authentication_error_for_a_wrong_key() {
        UnauthorizedException error = catchThrowableOfType(UnauthorizedException.class,
                () -> openAi("key-three").chat().completions().create(hello()));
        assertThat(error.statusCode()).isEqualTo(401);
        assertThat(error.code()).contains("invalid_api_key");
        assertThat(error.getMessage()).doesNotContain("key-three");
    }

    @Test
    void should_answer_401_in_the_openai_shape_on_the_openai_paths() {
        given().filter(OpenApiContract.filter()).get("/v1/models").then().statusCode(401)
                .body("error.type", equalTo("authentication_error")).body("error.code", equalTo("invalid_api_key"));
        given().header("x-api-key", "key-one").get("/v1/models").then().statusCode(200);
    }

    @Test
    void should_answer_401_in_the_openai_shape_on_the_responses_path() {
        UnauthorizedException error = catchThrowableOfType(UnauthorizedException.class,
                () -> openAi("key-three").responses().create(ResponseCreateParams.builder().model("mock").input("hi")
                        .build()));
        assertThat(error.code()).contains("invalid_api_key");
        assertThat(openAi("key-one").responses().create(ResponseCreateParams.builder().model("mock").input("hi")
                .build()).output()).isNotEmpty();
    }

    @Test
    void should_accept_the_gateway_key_from_the_anthropic_sdk_as_x_api_key() {
        assertThat(anthropic("key-one").messages().create(helloMessage()).content().getFirst().asText().text())
                .isEqualTo("Hello from the mock provider.");
    }

    @Test
    void should_raise_the_anthropic_sdk_authentication_error_for_a_wrong_key() {
        com.anthropic.errors.UnauthorizedException error = catchThrowableOfType(
                com.anthropic.errors.UnauthorizedException.class,
                () -> anthropic("key-three").messages().create(helloMessage()));
        assertThat(error.statusCode()).isEqualTo(401);
        assertThat(error.getMessage()).contains("authentication_error").doesNotContain("key-three");
    }

    @Test
    void should_answer_401_in_the_anthropic_shape_on_the_messages_path() {
        given().filter(OpenApiContract.filter()).contentType("application/json")
                .body("{\"model\":\"mock\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .header("x-api-key", "nope").post("/v1/messages").then().statusCode(401)
                .body("type", equalTo("error")).body("error.type", equalTo("authentication_error"));
    }

    @Test
    void should_keep_a_stored_response_to_the_gateway_key_that_created_it() {
        String id = given().filter(OpenApiContract.filter()).contentType("application/json")
                .header("Authorization", "Bearer key-one").body("{\"model\":\"mock\",\"input\":\"hi\"}")
                .post("/v1/responses").then().statusCode(200).extract().path("id");
        // the same key, in either header, finds it
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-one").get("/v1/responses/" + id)
                .then().statusCode(200).body("id", equalTo(id));
        given().header("x-api-key", "key-one").get("/v1/responses/" + id).then().statusCode(200);
        // another key finds nothing there: neither to read, list, continue nor delete
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-two").get("/v1/responses/" + id)
                .then().statusCode(404).body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("not_found"));
        given().filter(OpenApiContract.filter()).contentType("application/json")
                .header("Authorization", "Bearer key-two")
                .body("{\"model\":\"mock\",\"input\":\"more\",\"previous_response_id\":\"" + id + "\"}")
                .post("/v1/responses").then().statusCode(404).body("error.code", equalTo("not_found"))
                .body("error.param", equalTo("previous_response_id"));
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-two")
                .get("/v1/responses/" + id + "/input_items").then().statusCode(404)
                .body("error.code", equalTo("not_found"));
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-two")
                .delete("/v1/responses/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-one")
                .get("/v1/responses/" + id + "/input_items").then().statusCode(200).body("data[0].content[0].text",
                        equalTo("hi"));
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-one").get("/v1/responses/" + id)
                .then().statusCode(200);
    }

    private com.google.genai.Client gemini(String key) {
        return com.google.genai.Client.builder().apiKey(key).httpOptions(com.google.genai.types.HttpOptions.builder()
                .baseUrl(base.toString().replaceAll("/v1$", "/")).apiVersion("v1beta")
                .retryOptions(com.google.genai.types.HttpRetryOptions.builder().attempts(1).build()).build()).build();
    }

    @Test
    void should_accept_the_gateway_key_from_the_gemini_sdk_as_x_goog_api_key() {
        try (com.google.genai.Client client = gemini("key-two")) {
            assertThat(client.models.generateContent("mock", "hi", null).text())
                    .isEqualTo("Hello from the mock provider.");
        }
        try (com.google.genai.Client client = gemini("key-three")) {
            com.google.genai.errors.ApiException error = catchThrowableOfType(com.google.genai.errors.ApiException.class,
                    () -> client.models.generateContent("mock", "hi", null));
            assertThat(error.code()).isEqualTo(401);
            assertThat(error.status()).isEqualTo("UNAUTHENTICATED");
            assertThat(error.getMessage()).doesNotContain("key-three");
        }
    }

    // Google's API takes its key as ?key=; the access log and the metrics name the path without its query
    @Test
    void should_accept_the_gateway_key_as_the_key_query_parameter_on_the_gemini_paths_only_and_log_it_nowhere() {
        AccessLogLines access = new AccessLogLines(AccessLog.CATEGORY).attach();
        try {
            String body = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";
            String requestId = "gemini-query-key-1";
            given().contentType("application/json").header("X-Request-Id", requestId).queryParam("key", "key-one")
                    .body(body).urlEncodingEnabled(false).post("/v1beta/models/mock:generateContent").then()
                    .statusCode(200);
            given().contentType("application/json").queryParam("key", "key-one").queryParam("alt", "sse").body(body)
                    .urlEncodingEnabled(false).post("/v1/models/mock:streamGenerateContent").then().statusCode(200);
            given().contentType("application/json").queryParam("key", "nope").body(body).urlEncodingEnabled(false)
                    .post("/v1beta/models/mock:generateContent").then().statusCode(401)
                    .body("error.status", equalTo("UNAUTHENTICATED")).body("error.code", equalTo(401));
            // elsewhere a key in the URL is not taken
            given().contentType("application/json").queryParam("key", "key-one")
                    .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/generate").then()
                    .statusCode(401);
            assertThat(access.awaitLines(requestId, 1)).singleElement().asString()
                    .contains("/v1beta/models/mock:generateContent").doesNotContain("key-one").doesNotContain("key=");
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            // the query is in no label (the cost counter's own label is key="none": a virtual key's name)
            assertThat(metrics).contains("/v1beta/models/").doesNotContain("key-one").doesNotContain("?key=");
        } finally {
            access.detach();
        }
    }
}
