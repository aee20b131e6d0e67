package io.switchboard.api.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;

/** Without {@code switchboard.auth.admin-keys} the admin API answers 403 and names the setting. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class AdminApiOffTest {

    @Test
    void should_refuse_every_admin_call_naming_the_setting() {
        given().filter(OpenApiContract.filter().withoutRequestValidation()).get("/v1/routes").then().statusCode(403)
                .body("error.type", equalTo("forbidden"))
                .body("error.message", containsString("switchboard.auth.admin-keys"));
        given().filter(OpenApiContract.filter().withoutRequestValidation()).contentType("application/json")
                .body("{\"targets\": [\"mock\"]}")
                .header("Authorization", "Bearer anything").put("/v1/routes/room").then().statusCode(403);
        given().filter(OpenApiContract.filter().withoutRequestValidation()).delete("/v1/routes/assistant").then()
                .statusCode(403);
    }
}
