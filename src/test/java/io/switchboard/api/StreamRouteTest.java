package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.client.SseEvent;
import org.junit.jupiter.api.Test;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Multi;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.SseClient;
import io.switchboard.testsupport.SseEvents;

@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class StreamRouteTest {

    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}";

    /** A real SSE client: Quarkus's REST client parses the frames, not our code. */
    @Path("/v1")
    public interface StreamApi {
        @POST
        @Path("/stream")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.SERVER_SENT_EVENTS)
        Multi<SseEvent<String>> stream(@QueryParam("provider") String provider, String body);
    }

    @TestHTTPResource("/")
    URI root;

    private List<SseEvent<String>> streamWithRealClient(String provider) {
        StreamApi api = QuarkusRestClientBuilder.newBuilder().baseUri(root).build(StreamApi.class);
        return api.stream(provider, HELLO).collect().asList().await().atMost(Duration.ofSeconds(20));
    }

    private static String streamBody(String provider, int status) {
        return given().contentType("application/json").body(HELLO).queryParam("provider", provider)
                .post("/v1/stream").then().statusCode(status).extract().asString();
    }

    @Test
    void should_stream_text_deltas_then_one_done_read_by_a_real_sse_client() {
        List<SseEvent<String>> events = streamWithRealClient("mock");
        assertThat(events.size()).isGreaterThanOrEqualTo(3);
        StringBuilder text = new StringBuilder();
        for (SseEvent<String> event : events.subList(0, events.size() - 1)) {
            assertThat(event.name()).isEqualTo("text_delta");
            JsonPath data = JsonPath.from(event.data());
            assertThat(data.getString("type")).isEqualTo(event.name());
            text.append(data.getString("text"));
            OpenApiContract.assertValidStreamEvent(event.data());
        }
        assertThat(text).hasToString("Hello from the mock provider.");
        SseEvent<String> done = events.get(events.size() - 1);
        assertThat(done.name()).isEqualTo("done");
        JsonPath data = JsonPath.from(done.data());
        assertThat(data.getString("finish_reason")).isEqualTo("stop");
        assertThat(data.getString("metadata.provider")).isEqualTo("mock");
        assertThat(data.getString("metadata.request_id")).startsWith("req_");
        assertThat(data.getInt("usage.output_tokens")).isEqualTo(5);
    }

    @Test
    void should_stream_thinking_text_and_complete_tool_calls_in_order() {
        String body = streamBody("mock-tools", 200);
        OpenApiContract.assertValidStream(body);
        List<SseEvents.Event> events = SseEvents.parse(body);
        List<String> types = SseEvents.types(events);
        assertThat(types.indexOf("text_delta")).isGreaterThan(types.lastIndexOf("thinking_delta"));
        assertThat(types.subList(types.size() - 3, types.size())).containsExactly("tool_call", "tool_call", "done");
        assertThat(SseEvents.thinking(events)).isEqualTo("The user wants the weather in Paris.");
        assertThat(SseEvents.text(events)).isEqualTo("Let me check the weather.");
        JsonPath call = events.get(types.indexOf("tool_call")).json();
        assertThat(call.getString("name")).isEqualTo("get_weather");
        assertThat(call.getString("arguments.city")).isEqualTo("Paris");
        assertThat(events.get(events.size() - 1).json().getString("finish_reason")).isEqualTo("tool_calls");
    }

    @Test
    void should_answer_an_http_error_with_the_envelope_when_failing_before_the_first_event() {
        given().contentType("application/json").body(HELLO).queryParam("provider", "mock-429")
                .post("/v1/stream").then().statusCode(429)
                .contentType("application/json")
                .body("error.type", equalTo("provider_error"))
                .body("error.status_code", equalTo(429))
                .body("error.retryable", equalTo(true));
    }

    @Test
    void should_end_with_exactly_one_error_event_when_failing_after_the_first_event() {
        String body = streamBody("mock-midstream", 200);
        OpenApiContract.assertValidStream(body);
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(SseEvents.types(events)).containsExactly("text_delta", "text_delta", "error");
        JsonPath error = events.get(2).json();
        assertThat(error.getString("error.type")).isEqualTo("provider_error");
        assertThat(error.getInt("error.status_code")).isEqualTo(529);
        assertThat(error.getBoolean("error.retryable")).isTrue();
        assertThat(error.getString("error.request_id")).isNotBlank();
    }

    @Test
    void should_fall_back_before_the_first_event_on_a_route() {
        String body = given().contentType("application/json").body(HELLO).queryParam("provider", "assistant")
                .post("/v1/stream").then().statusCode(200).extract().asString();
        List<SseEvents.Event> events = SseEvents.parse(body);
        assertThat(events.get(events.size() - 1).json().getString("metadata.provider")).isEqualTo("echo");
    }

    @Test
    void should_send_keep_alive_comments_during_silence() {
        String body = streamBody("slow", 200);
        assertThat(body).contains(": keep-alive\n\n");
        OpenApiContract.assertValidStream(body);
        assertThat(SseEvents.text(SseEvents.parse(body))).isEqualTo("one two three four five six seven");
    }

    @Test
    void should_cancel_the_provider_when_the_client_hangs_up() throws Exception {
        String read = SseClient.readFirstEventThenHangUp(root.resolve("/v1/stream?provider=slow"), HELLO);
        assertThat(read).contains("event: text_delta");
        // the slow stream would run for ~3 s; a cancelled one is counted at once
        await().atMost(Duration.ofSeconds(2)).until(() -> metric("switchboard_requests_total",
                "endpoint=\"stream\"", "outcome=\"cancelled\"", "provider=\"slow\"") >= 1);
        await().atMost(Duration.ofSeconds(2)).until(() -> metric("switchboard_streams_active") == 0);
    }

    static double metric(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
