package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.InjectFakeUpstream;
import io.switchboard.testsupport.SseEvents;

/** An upstream that quotes the key it was sent never gets it echoed to the client, on any path. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class CredentialRedactionTest {

    @InjectFakeUpstream
    FakeUpstream fake;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void should_scrub_the_configured_key_from_an_in_stream_error_frame() {
        fake.enqueue(FakeUpstream.sse(List.of(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n",
                "data: {\"error\":{\"message\":\"key test-key was revoked\",\"type\":\"server_error\"}}\n\n")));
        String body = given().contentType("application/json").body(GenerateResourceTest.HELLO)
                .queryParam("provider", "openai").post("/v1/stream").then().statusCode(200).extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "error");
        assertThat(events.get(1).json().getString("error.message")).contains("was revoked");
        assertThat(body).doesNotContain("test-key");
    }

    @Test
    void should_scrub_a_per_request_key_quoted_in_an_upstream_error_body() {
        fake.enqueue(FakeUpstream.json(401, "{\"error\":{\"message\":\"Key plain-caller-key-77 is not valid\"}}"));
        String body = given().contentType("application/json")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"api_key\":\"plain-caller-key-77\"}}")
                .queryParam("provider", "openai").post("/v1/generate").then().statusCode(401).extract().asString();
        assertThat(body).contains("is not valid").doesNotContain("plain-caller-key-77");
    }
}
