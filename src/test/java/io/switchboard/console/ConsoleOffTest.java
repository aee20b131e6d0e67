package io.switchboard.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;

/**
 * Without admin keys (the tests' default configuration) the console says how to set one and shows nothing else:
 * no navigation, no page of its own; the overview endpoint is off like the rest of the admin API.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleOffTest {

    @Test
    void should_say_how_to_set_an_admin_key_on_every_page_when_none_is_configured() {
        for (String page : new String[] { "/console", "/console/overview", "/console/keys" }) {
            given().get(page).then().statusCode(200).header("Content-Security-Policy", containsString("'self'"))
                    .body(containsString("switchboard.auth.admin-keys")).body(not(containsString("<nav")))
                    .body(not(containsString("overview.js")));
        }
        given().get("/v1/admin/overview").then().statusCode(403).body("error.type", equalTo("forbidden"));
    }
}
