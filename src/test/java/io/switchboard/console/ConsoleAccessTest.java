package io.switchboard.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.OpenWithAdminKey;

/**
 * The console's doors without a browser: the overview endpoint is the admin API's (an admin key or 401), it shows
 * traffic from the gateway's own meters, and every console page and script carries the security headers, with no
 * inline script and nothing secret in the page.
 */
@QuarkusTest
@TestProfile(OpenWithAdminKey.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class ConsoleAccessTest {

    private static final String ADMIN = "Bearer " + OpenWithAdminKey.ADMIN_KEY;
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");

    @Test
    void should_answer_401_on_the_overview_without_an_admin_key() {
        given().get("/v1/admin/overview").then().statusCode(401).body("error.type", equalTo("unauthorized"));
        given().header("Authorization", "Bearer not-an-admin-key").get("/v1/admin/overview").then().statusCode(401)
                .body("error.type", equalTo("unauthorized"));
    }

    @Test
    void should_show_traffic_and_each_providers_state_in_the_overview() {
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/stream?provider=mock").then().statusCode(200);
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/generate?provider=mock-429").then().statusCode(429);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response overview = given().filter(OpenApiContract.filter()).header("Authorization", ADMIN)
                    .get("/v1/admin/overview");
            overview.then().statusCode(200).body("interval_seconds", equalTo(1.0f))
                    .body("providers.name", hasItem("mock"));
            List<Map<String, Object>> samples = overview.jsonPath().getList("samples");
            // a request's count and its durations may fall into neighbouring samples
            assertThat(samples).anySatisfy(
                    sample -> assertThat(((Number) sample.get("requests_per_second")).doubleValue()).isPositive());
            assertThat(samples).anySatisfy(sample -> assertThat(sample.get("latency_p50_ms")).isNotNull());
            assertThat(samples).anySatisfy(sample -> assertThat(sample.get("time_to_first_token_p50_ms")).isNotNull());
            assertThat(samples).anySatisfy(sample -> assertThat((Map<String, Object>) sample.get("errors_per_second"))
                    .containsKey("provider_error"));
            Map<String, Object> limited = overview.jsonPath().getMap("providers.find { it.name == 'mock-429' }");
            assertThat(limited).containsEntry("circuit_breaker", "closed").containsEntry("in_flight", 0)
                    .containsEntry("last_error", "provider_error");
            assertThat(limited.get("last_error_at")).isNotNull();
        });
    }

    @Test
    void should_send_the_security_headers_and_no_inline_script_with_every_console_page() {
        for (String page : List.of("/console", "/console/overview", "/console/routes", "/console/keys",
                "/console/playground")) {
            Response answer = given().get(page);
            answer.then().statusCode(200).contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store");
            assertThat(INLINE_SCRIPT.matcher(answer.asString()).find()).as("an inline script on %s", page).isFalse();
            assertThat(answer.asString()).doesNotContain(OpenWithAdminKey.ADMIN_KEY).contains("<main");
        }
        given().get("/console/assets/console.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
        given().get("/console/elsewhere").then().statusCode(404);
    }
}
