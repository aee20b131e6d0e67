package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.errors.Redactor;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;

/**
 * An upstream that quotes a credential never gets it echoed to the client, in the forms a plain match
 * misses: configured header values, URL-encoded and base64 keys, keys at the cut of a long message.
 * The plain configured and per-request keys are checked for every provider by the provider contract.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class CredentialRedactionTest extends FakeUpstreamTest {

    private String generateError(String provider, String requestKey, String upstreamMessage) {
        fake.enqueue(FakeUpstream.json(400, "{\"error\":{\"message\":" + quote(upstreamMessage) + "}}"));
        String body = requestKey == null ? GenerateResourceTest.HELLO
                : "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"api_key\":\"" + requestKey
                        + "\"}}";
        return given().contentType("application/json").body(body).queryParam("provider", provider)
                .post("/v1/generate").then().statusCode(400).extract().asString();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void should_scrub_a_configured_header_value_from_an_error_body_and_an_in_stream_error() {
        String answer = generateError("openai-proxied", null, "proxy token proxy-secret-9876 is not allowed here");
        assertThat(answer).contains("is not allowed here").doesNotContain("proxy-secret-9876");
        fake.enqueue(FakeUpstream.sse(List.of(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n",
                "data: {\"error\":{\"message\":\"proxy-secret-9876 expired\",\"type\":\"server_error\"}}\n\n")));
        String stream = given().contentType("application/json").body(GenerateResourceTest.HELLO)
                .queryParam("provider", "openai-proxied").post("/v1/stream").then().statusCode(200).extract().asString();
        assertThat(stream).contains("expired").doesNotContain("proxy-secret-9876");
    }

    @Test
    void should_scrub_the_url_encoded_and_base64_forms_of_a_key() {
        String key = "caller/key+with=signs";
        String urlEncoded = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
        String answer = generateError("openai", key, "bad key " + urlEncoded + " in query");
        assertThat(answer).contains("in query").doesNotContain(urlEncoded).doesNotContain("caller");
        for (String user : List.of("", "u", "us", "user", "someone")) {
            String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + key)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String plainBase64 = java.util.Base64.getEncoder().encodeToString(key.getBytes());
            answer = generateError("openai", key, "Basic " + basic + " refused; raw " + plainBase64);
            assertThat(answer).as(user).contains("refused").doesNotContain(basic).doesNotContain(plainBase64)
                    .doesNotContain(plainBase64.substring(2, 20));
        }
    }

    @Test
    void should_redact_before_cutting_a_long_message() {
        String key = "zq9straddle-key-12345";
        String answer = generateError("openai", key, "x".repeat(490) + key + " trailing");
        assertThat(answer).doesNotContain("zq9straddl").doesNotContain("zq9");
        String message = io.restassured.path.json.JsonPath.from(answer).getString("error.message");
        assertThat(message.length()).isLessThanOrEqualTo(Redactor.MAX_LENGTH + 1);
    }
}
