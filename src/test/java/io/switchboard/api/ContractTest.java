package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.TestConfig;

/** The served OpenAPI document is the checked-in one, the console is on, and the document's examples work. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ContractTest {

    @Test
    void should_serve_the_checked_in_openapi_yaml_at_q_openapi() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode checkedIn = yaml.readTree(Files.readString(OpenApiContract.LOCATION));
        JsonNode served = yaml.readTree(given().get("/q/openapi").then().statusCode(200).extract().asString());
        assertThat(served).isEqualTo(checkedIn);
        JsonNode servedJson = new ObjectMapper().readTree(
                given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        assertThat(servedJson).isEqualTo(checkedIn);
    }

    @Test
    void should_serve_the_swagger_console() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    // The console's "Try it out" sends an operation's first example: on a gateway started without configuration it
    // must reach the built-in mock, the only provider there is. (The admin API is off there; its examples are
    // RoutesAdminTest's and the virtual keys' contract tests'.)
    @Test
    void should_answer_every_request_example_with_the_providers_of_the_default_configuration() {
        Set<String> builtIn = TestConfig.load(Map.of("switchboard.auth.open", "true"), Map.of())
                .getConfigMapping(SwitchboardConfig.class).providers().keySet();
        OpenAPI document = OpenApiContract.document();
        assertThat(builtIn).contains((String) document.getComponents().getParameters().get("provider").getExample());
        List<String> sent = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (operation.getRequestBody() == null || adminOnly(operation)) {
                return;
            }
            MediaType json = resolve(document, operation.getRequestBody()).getContent().get("application/json");
            List<Object> examples = new ArrayList<>();
            json.getExamples().values().forEach(example -> examples.add(example.getValue()));
            String schema = json.getSchema().get$ref();
            examples.add(document.getComponents().getSchemas().get(schema.substring(schema.lastIndexOf('/') + 1))
                    .getExample());
            for (Object example : examples) {
                JsonNode body = Json31.mapper().valueToTree(example);
                if (body.has("model")) {
                    assertThat(builtIn).as("the provider of %s %s", path, body)
                            .contains(body.get("model").asText().split("/", 2)[0]);
                }
                // a path's parameters take their examples; ':' (the Gemini API's method separator) is sent as it is
                String target = path.replace("{model}", (String) document.getComponents().getParameters()
                        .get("geminiModel").getExample());
                ExtractableResponse<Response> answer = OpenApiContract.jsonRequest().urlEncodingEnabled(false)
                        .body(body.toString()).request(method.name(), target).then().extract();
                assertThat(answer.statusCode()).as("%s %s %s: %s", method, path, body, answer.asString())
                        .isEqualTo(200);
                sent.add(path);
            }
        }));
        assertThat(sent).contains("/v1/generate", "/v1/stream", "/v1/chat/completions", "/v1/messages", "/v1/responses",
                "/v1beta/models/{model}:generateContent", "/v1beta/models/{model}:streamGenerateContent",
                "/v1beta/models/{model}:countTokens");
    }

    private static RequestBody resolve(OpenAPI document, RequestBody body) {
        String ref = body.get$ref();
        return ref == null ? body
                : document.getComponents().getRequestBodies().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** An operation of the admin API, which asks for an admin key. */
    private static boolean adminOnly(Operation operation) {
        return operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey("adminAuth"));
    }
}
