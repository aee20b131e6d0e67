package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;

/** The README's curl examples work as written (snippets come from tested code). */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ReadmeExamplesTest {

    static final Pattern CURL = Pattern.compile("curl -sN? localhost:8080(/v1/[\\w/]+)[^\\n]*\\n\\s*-d '([^']*)'");

    @Test
    void should_answer_every_readme_curl_example() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher matcher = CURL.matcher(readme);
        List<String> paths = new ArrayList<>();
        while (matcher.find()) {
            String path = matcher.group(1);
            paths.add(path);
            String body = given().filter(OpenApiContract.filter()).contentType("application/json")
                    .body(matcher.group(2)).post(path).then().statusCode(200).extract().asString();
            if (path.equals("/v1/stream")) {
                OpenApiContract.assertValidStream(body);
            }
        }
        assertThat(paths).contains("/v1/generate", "/v1/stream", "/v1/chat/completions", "/v1/messages");
    }

    /**
     * The matrix says the mock's images reach no backend, and the README says why that does not contradict its
     * {@code supports_vision}: it takes an image part, refusing none, and answers from its script.
     */
    @Test
    void should_take_an_image_on_the_mock_as_the_readme_says() throws Exception {
        assertThat(Files.readString(Path.of("README.md"))).contains("reports it with `supports_vision: true`");
        given().filter(OpenApiContract.filter()).get("/v1/providers").then().statusCode(200)
                .body("providers.find { it.name == 'mock' }.supports_vision", equalTo(true));
        given().filter(OpenApiContract.filter()).contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is it?\"},"
                        + "{\"type\":\"image\",\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}]}]}")
                .post("/v1/generate?provider=mock").then().statusCode(200)
                .body("content", equalTo("Hello from the mock provider."));
    }
}
