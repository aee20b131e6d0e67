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

    /** Gemini's 429 with a {@code RetryInfo} detail of {@code delay}. */
    private static FakeUpstream.Reply geminiQuota(String delay) {
        return FakeUpstream.json(429, "{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":"
                + "\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                + "\"retryDelay\":\"" + delay + "\"}]}}");
    }

    @Test
    void should_relay_only_a_clamped_integer_from_the_retry_after_header() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("12", "12");
        expected.put("86400", "3600");
        expected.put("Wed, 21 Oct 2015 07:28:00 GMT", "0");
        expected.put("sk-proj-reflectedkey1234", null);
        expected.put("soon", null);
        expected.put("1e50000000", "3600");
        expected.put("99999999999999999999", "3600");
        expected.put("1e309", "3600");
        expected.put("-5", null);
        expected.put("NaN", null);
        for (Map.Entry<String, String> value : expected.entrySet()) {
            fake.enqueue(FakeUpstream.json(429, "{\"error\":{\"message\":\"slow down\"}}")
                    .withHeader("Retry-After", value.getKey()));
            Response response = generate("openai");
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.header("Retry-After")).as(value.getKey()).isEqualTo(value.getValue());
        }
    }

    @Test
    void should_clamp_an_absurd_anthropic_retry_after_header_to_the_maximum() {
        for (String value : new String[] { "1e1000000", "99999999999999999999", "1e309" }) {
            fake.enqueue(FakeUpstream.json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                    + "\"message\":\"slow down\"}}").withHeader("retry-after", value));
            Response response = generate("anthropic");
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.header("Retry-After")).as(value).isEqualTo("3600");
        }
    }

    @Test
    void should_clamp_a_hostile_gemini_retry_delay_to_the_maximum_in_no_time() {
        for (String delay : new String[] { "1e50000000s", "1e999999999s", "1e1000000s", "9".repeat(200_000) + "s" }) {
            fake.enqueue(geminiQuota(delay));
            long start = System.nanoTime();
            Response response = generate("gemini");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.header("Retry-After")).as(delay.length() > 40 ? "long" : delay).isEqualTo("3600");
            assertThat(millis).as("milliseconds for a retryDelay of %d characters", delay.length()).isLessThan(5_000);
        }
        fake.enqueue(geminiQuota("7200s"));
        assertThat(generate("gemini").header("Retry-After")).isEqualTo("3600");
        for (String delay : new String[] { "-1s", "NaNs", "Infinitys" }) {
            fake.enqueue(geminiQuota(delay));
            assertThat(generate("gemini").header("Retry-After")).as(delay).isNull();
        }
    }
}
