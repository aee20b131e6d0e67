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
        // another key finds nothing there: neither to read, continue nor delete
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-two").get("/v1/responses/" + id)
                .then().statusCode(404).body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("not_found"));
        given().filter(OpenApiContract.filter()).contentType("application/json")
                .header("Authorization", "Bearer key-two")
                .body("{\"model\":\"mock\",\"input\":\"more\",\"previous_response_id\":\"" + id + "\"}")
                .post("/v1/responses").then().statusCode(404).body("error.code", equalTo("not_found"))
                .body("error.param", equalTo("previous_response_id"));
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-two")
                .delete("/v1/responses/" + id).then().statusCode(404).body("error.code", equalTo("not_found"));
        given().filter(OpenApiContract.filter()).header("Authorization", "Bearer key-one").get("/v1/responses/" + id)
                .then().statusCode(200);
    }
}
