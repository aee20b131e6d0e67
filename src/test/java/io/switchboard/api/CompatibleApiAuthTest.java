package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;

/** The gateway key on the compatible APIs, through the official SDKs: the header each sends, and each SDK's error. */
@QuarkusTest
@TestProfile(AuthTest.WithGatewayKeys.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class CompatibleApiAuthTest {

    @TestHTTPResource("/v1")
    URL base;

    private OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(base.toString()).apiKey(key).maxRetries(0).build();
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
}
