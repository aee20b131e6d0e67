package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;

/** The served OpenAPI document is the checked-in one, and the console is on. */
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
}
