package io.switchboard.providers.mock;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.SseEvents;
import io.switchboard.testsupport.TestConfig;

/**
 * A mock's scripted error is what a client rehearsing error handling must see: it reaches the client with
 * its status, although {@code switchboard.traffic.retries} retries a real backend's; a mock provider that
 * sets {@code retries} itself rehearses the retry, answered by the next script entry.
 */
@QuarkusTest
@TestProfile(MockScriptedErrorsTest.Retrying.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MockScriptedErrorsTest {

    private static final String OVERLOADED = "{\"error\":{\"status\":529,\"message\":\"Overloaded\"}}";
    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello?\"}]}";

    /**
     * Retries on by default, as shipped; each test has mocks of its own, so the script's round-robin
     * position is its own.
     */
    public static class Retrying implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestConfig config = TestConfig.empty().set("switchboard.traffic.retries", 2)
                    .set("switchboard.traffic.retry-backoff", "5ms");
            for (String name : List.of("rehearsal", "rehearsal-stream", "retried", "retried-stream")) {
                config.andProvider(name, "mock").with("responses[0]", OVERLOADED).with("responses[1]", "Recovered.");
                if (name.startsWith("retried")) {
                    config.with("retries", 1).with("retry-backoff", "5ms");
                }
            }
            return config.properties();
        }
    }

    private static Response call(String endpoint, String provider) {
        return given().contentType("application/json").body(HELLO).queryParam("provider", provider).post(endpoint);
    }

    @Test
    void should_pass_a_scripted_error_to_the_client_when_the_mock_sets_no_retries() {
        call("/v1/generate", "rehearsal").then().statusCode(502)
                .body("error.status_code", equalTo(529))
                .body("error.retryable", equalTo(true))
                .body("error.message", equalTo("rehearsal returned HTTP 529: Overloaded"));
        // the next request is answered by the next entry: nothing was consumed by a retry
        call("/v1/generate", "rehearsal").then().statusCode(200).body("content", equalTo("Recovered."))
                .body("metadata.attempts", equalTo(1));
    }

    @Test
    void should_answer_a_stream_with_the_scripted_error_when_the_mock_sets_no_retries() {
        call("/v1/stream", "rehearsal-stream").then().statusCode(502)
                .body("error.status_code", equalTo(529))
                .body("error.retryable", equalTo(true));
    }

    @Test
    void should_retry_into_the_next_entry_when_the_mock_sets_retries() {
        call("/v1/generate", "retried").then().statusCode(200)
                .body("content", equalTo("Recovered."))
                .body("metadata.attempts", equalTo(2));
    }

    @Test
    void should_retry_a_stream_into_the_next_entry_when_the_mock_sets_retries() {
        List<SseEvents.Event> events = SseEvents.parse(call("/v1/stream", "retried-stream").then().statusCode(200)
                .extract().asString());
        assertThat(SseEvents.text(events)).isEqualTo("Recovered.");
        assertThat(events.getLast().json().getInt("metadata.attempts")).isEqualTo(2);
    }
}
