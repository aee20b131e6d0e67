package io.switchboard.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.OpenApiContract;

/**
 * One client cannot stall or starve the others: the number of messages and parts is capped (400
 * naming the limit), Jackson's own limits answer with a plain message, idle client connections are
 * closed, and the open streams are capped (503).
 */
@QuarkusTest
@TestProfile(RequestLimitsTest.SmallLimits.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class RequestLimitsTest extends FakeUpstreamTest {

    @TestHTTPResource("/")
    URL root;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.max-parts", "2000", "quarkus.http.idle-timeout", "2s",
                    "switchboard.stream.max-concurrent", "2");
        }
    }

    static String withParts(int parts, int textLength) {
        StringBuilder body = new StringBuilder("{\"messages\":[{\"role\":\"user\",\"content\":[");
        for (int i = 0; i < parts; i++) {
            body.append(i == 0 ? "" : ",").append("{\"type\":\"text\",\"text\":\"").append("a".repeat(textLength))
                    .append("\"}");
        }
        return body.append("]}]}").toString();
    }

    @Test
    void should_refuse_more_parts_than_the_limit_naming_it() {
        for (String endpoint : List.of("/v1/generate", "/v1/stream")) {
            given().contentType("application/json").body(withParts(2000, 1)).post(endpoint)
                    .then().statusCode(400)
                    .body("error.type", equalTo("invalid_request"))
                    .body("error.message", equalTo("messages: more than 2000 messages and content parts in all"
                            + " (switchboard.max-parts)"));
        }
        // the compatible APIs count the same way: one message of 2,000 parts is over the limit
        String parts = withParts(2000, 1);
        String messages = parts.substring(parts.indexOf('['), parts.length() - 1);
        given().contentType("application/json").body("{\"model\":\"mock\",\"messages\":" + messages + "}")
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("(switchboard.max-parts)"));
        given().contentType("application/json")
                .body("{\"model\":\"mock\",\"max_tokens\":16,\"messages\":" + messages + "}")
                .post("/v1/messages").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("(switchboard.max-parts)"));
    }

    @Test
    void should_serve_a_large_body_within_the_limits() {
        String large = withParts(1999, 400); // about 830 KB
        given().contentType("application/json").body(large).post("/v1/generate").then().statusCode(200);
        given().contentType("application/json").body(large).post("/v1/stream").then().statusCode(200)
                .body(containsString("event: done"));
    }

    @Test
    void should_answer_a_json_limit_without_naming_jackson_internals() {
        String deep = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":{\"x\":"
                + "[".repeat(1200) + "]".repeat(1200) + "}}";
        given().contentType("application/json").body(deep).post("/v1/generate")
                .then().statusCode(400)
                .body("error.message", equalTo("body: JSON nested too deeply (at most 1000 levels)"))
                .body(not(containsString("StreamReadConstraints")));
    }

    @Test
    void should_close_an_idle_client_connection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", root.getPort())) {
            socket.setSoTimeout(20_000);
            long start = System.nanoTime();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertThat(seconds).isBetween(1L, 15L);
        }
    }

    @Test
    void should_refuse_a_stream_over_the_concurrent_limit_with_a_retryable_503() throws Exception {
        String slow = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        fake.reset();
        for (int i = 0; i < 2; i++) {
            // one event, then the backend stays silent: the stream stays open
            fake.enqueue(FakeUpstream.sse(List.of(Fixtures.content("hi"))).thenHang());
        }
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket("127.0.0.1", root.getPort());
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("POST /v1/stream?provider=openai HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + slow.length() + "\r\n\r\n" + slow)
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] head = new byte[12];
                assertThat(socket.getInputStream().readNBytes(head, 0, 12)).isEqualTo(12);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
                open.add(socket);
            }
            Response refused = given().filter(OpenApiContract.filter())
                    .contentType("application/json").body(slow).queryParam("provider", "openai").post("/v1/stream");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.jsonPath().getBoolean("error.retryable")).isTrue();
            assertThat(refused.jsonPath().getString("error.message")).contains("switchboard.stream.max-concurrent");
            // the limit counts every door's streams: a compatible-API stream is refused too
            given().contentType("application/json")
                    .body("{\"model\":\"openai\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .post("/v1/chat/completions").then().statusCode(503).header("Retry-After", "1")
                    .body("error.message", containsString("switchboard.stream.max-concurrent"));
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
        // the closed streams gave their places back
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given()
                .contentType("application/json").body(GenerateResourceTest.HELLO).post("/v1/stream").statusCode() == 200);
    }
}
