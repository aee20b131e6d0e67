package io.switchboard.traffic;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.TestConfig;

/**
 * A backend's 401, 403 or 429 for the caller's own {@code metadata.api_key} belongs to that key: it goes to the
 * caller once, is not retried, does not move a route on, and never counts in the provider's shared circuit
 * breaker; the same statuses for the gateway's own key still do.
 */
@QuarkusTest
@TestProfile(CallerKeyTrafficTest.Breakers.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class CallerKeyTrafficTest extends FakeUpstreamTest {

    /** Providers that retry twice and whose breaker opens at 2 failures of 4 calls, and a two-target route. */
    public static class Breakers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestConfig config = TestConfig.empty();
            for (String name : List.of("own-key-generate", "own-key-stream", "gateway-key-generate",
                    "gateway-key-stream", "first-choice", "second-choice")) {
                config.andProvider(name, "openai").onFakeUpstream("/v1")
                        .with("model", name.equals("second-choice") ? "gpt-4.1" : "gpt-4o")
                        .with("retries", 2).with("retry-backoff", "10ms").with("retry-max-delay", "2s")
                        .with("circuit-breaker", Map.of("enabled", true, "request-volume", 4, "failure-ratio", 0.5,
                                "delay", "30s"));
            }
            return config.set("switchboard.routes.two-targets.targets", List.of("first-choice", "second-choice"))
                    .properties();
        }
    }

    private static final String RATE_LIMITED = "sk-caller-rate-limited";
    private static final String REFUSED = "sk-caller-refused";
    private static final String FORBIDDEN = "sk-caller-forbidden";

    private static Response call(String endpoint, String provider, String callerKey) {
        String metadata = callerKey == null ? "" : ",\"metadata\":{\"api_key\":\"" + callerKey + "\"}";
        return given().filter(OpenApiContract.filter()).contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + metadata + "}")
                .queryParam("provider", provider).post("/v1/" + endpoint);
    }

    private void refuseTheCallersKeys() {
        fake.answerWhen("Authorization", "Bearer " + RATE_LIMITED, TrafficTest.status(429))
                .answerWhen("Authorization", "Bearer " + REFUSED, TrafficTest.status(401))
                .answerWhen("Authorization", "Bearer " + FORBIDDEN, TrafficTest.status(403));
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_leave_the_shared_breaker_closed_when_the_backend_refuses_the_callers_own_key(String endpoint) {
        String provider = "own-key-" + endpoint;
        refuseTheCallersKeys();
        Map<String, Integer> keys = Map.of(RATE_LIMITED, 429, REFUSED, 401, FORBIDDEN, 403);
        int requests = 0;
        for (String key : List.of(RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED,
                RATE_LIMITED, RATE_LIMITED, REFUSED, REFUSED, FORBIDDEN, FORBIDDEN)) {
            Response response = call(endpoint, provider, key);
            requests++;
            assertThat(response.statusCode()).as(key).isEqualTo(keys.get(key));
            assertThat(response.jsonPath().getString("error.provider")).isEqualTo(provider);
            // one upstream call per request: the caller's key is not retried
            assertThat(fake.requests()).as("upstream calls after %d requests", requests).hasSize(requests);
        }
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Bearer sk-caller-"));
        assertThat(TrafficTest.breakerState(provider)).isEqualTo("closed");

        fake.enqueue(TrafficTest.answer(endpoint));
        Response served = call(endpoint, provider, null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(fake.requests()).hasSize(requests + 1);
        assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer test-key");
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_answer_the_callers_key_429_without_moving_on_to_the_routes_next_target(String endpoint) {
        fake.answerWhen("Authorization", "Bearer " + RATE_LIMITED, TrafficTest.status(429).withHeader("Retry-After",
                "7"));

        Response response = call(endpoint, "two-targets", RATE_LIMITED);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isEqualTo("7");
        JsonPath error = response.jsonPath();
        assertThat(error.getString("error.provider")).isEqualTo("first-choice");
        assertThat(error.getInt("error.status_code")).isEqualTo(429);
        assertThat(fake.requests()).hasSize(1);
        assertThat(fake.lastRequest().body).contains("\"gpt-4o\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "generate", "stream" })
    void should_still_retry_and_count_the_gateways_own_key_429(String endpoint) {
        String provider = "gateway-key-" + endpoint;
        for (int i = 0; i < 6; i++) {
            fake.enqueue(TrafficTest.status(429));
        }

        assertThat(call(endpoint, provider, null).statusCode()).isEqualTo(429);
        assertThat(fake.requests()).as("a call and its two retries").hasSize(3);
        // the fourth failure in the window of four opens the breaker, and the retry finds it open
        assertThat(call(endpoint, provider, null).statusCode()).isEqualTo(429);
        assertThat(fake.requests()).hasSize(4);
        assertThat(TrafficTest.breakerState(provider)).isEqualTo("open");
        assertThat(call(endpoint, provider, null).statusCode()).isEqualTo(503);
        assertThat(fake.requests()).hasSize(4);
    }
}
