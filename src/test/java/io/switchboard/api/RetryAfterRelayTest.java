package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;

/** An upstream's retry delay reaches the client only as a clamped number of whole seconds. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class RetryAfterRelayTest extends FakeUpstreamTest {

    private Response generate(String provider) {
        return given().contentType("application/json").body(GenerateResourceTest.HELLO)
                .queryParam("provider", provider).post("/v1/generate");
    }

    @Test
    void should_relay_only_a_clamped_integer_from_the_retry_after_header() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("12", "12");
        expected.put("86400", "3600");
        expected.put("Wed, 21 Oct 2015 07:28:00 GMT", "0");
        expected.put("sk-proj-reflectedkey1234", null);
        expected.put("soon", null);
        expected.put("1e50000000", null);
        for (Map.Entry<String, String> value : expected.entrySet()) {
            fake.enqueue(FakeUpstream.json(429, "{\"error\":{\"message\":\"slow down\"}}")
                    .withHeader("Retry-After", value.getKey()));
            Response response = generate("openai");
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.header("Retry-After")).as(value.getKey()).isEqualTo(value.getValue());
        }
    }

    @Test
    void should_read_a_hostile_gemini_retry_delay_in_no_time() {
        for (String delay : new String[] { "1e50000000s", "1e999999999s", "1e1000000s", "9".repeat(200_000) + "s" }) {
            fake.enqueue(FakeUpstream.json(429, "{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":"
                    + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                    + "\"retryDelay\":\"" + delay + "\"}]}}"));
            long start = System.nanoTime();
            Response response = generate("gemini");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.header("Retry-After")).isNull();
            assertThat(millis).as("milliseconds for a retryDelay of %d characters", delay.length()).isLessThan(5_000);
        }
        fake.enqueue(FakeUpstream.json(429, "{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":"
                + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"7200s\"}]}}"));
        assertThat(generate("gemini").header("Retry-After")).isEqualTo("3600");
    }
}
