package io.switchboard.testsupport;

import static io.restassured.RestAssured.given;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * A test of the running gateway against the shared {@link FakeUpstream}, which is injected and
 * forgets its queued replies and received requests before each test. Subclasses are
 * {@code @QuarkusTest} with {@code @WithTestResource(value = FakeUpstreamResource.class, scope = GLOBAL)}.
 */
public abstract class FakeUpstreamTest {

    @InjectFakeUpstream
    protected FakeUpstream fake;

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    /** {@code body} posted as JSON to {@code endpoint} for {@code provider}, whatever the answer. */
    protected static Response post(String endpoint, String provider, String body) {
        return given().contentType("application/json").body(body).queryParam("provider", provider).post(endpoint);
    }

    /** The answer of {@code /v1/generate}, which must be a 200. */
    protected static JsonPath generate(String provider, String body) {
        return post("/v1/generate", provider, body).then().statusCode(200).extract().jsonPath();
    }

    /**
     * The answer of {@code /v1/generate}, which must be a 200, while the upstream answers 200 with the recorded
     * body {@code fixtures/<fixture>}.
     */
    protected JsonPath generateRecorded(String fixture, String provider, String body) {
        fake.enqueue(FakeUpstream.json(200, FixtureFiles.text(fixture)));
        return generate(provider, body);
    }

    /** The events of {@code /v1/stream}, which must answer 200. */
    protected static List<SseEvents.Event> stream(String provider, String body) {
        return SseEvents.parse(post("/v1/stream", provider, body).then().statusCode(200).extract().asString());
    }

    /** The data of the last event. */
    protected static JsonPath last(List<SseEvents.Event> events) {
        return events.getLast().json();
    }
}
