package io.switchboard.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.restassured.specification.RequestSpecification;

/**
 * {@link OpenApiValidationFilter} against a loopback server that answers whatever each test sets:
 * valid exchanges pass, and each kind of contract break fails the call.
 */
class OpenApiValidationFilterTest {

    private static final String REQUEST_ID = "3f1c9e2a-6b7d-4c1e-9a55-0d2b8e4f7a10";
    private static final String CONTEXT = """
            {"messages": [{"role": "user", "content": "Hi"}]}""";
    private static final String ANSWER = """
            {"content": "Hello from the mock provider.", "thinking": null, "thinking_signature": null,
             "finish_reason": "stop", "usage": {"input_tokens": 3, "output_tokens": 6}, "tool_calls": [],
             "metadata": {"provider": "mock", "model": null, "provider_finish_reason": null,
                          "request_id": "3f1c9e2a-6b7d-4c1e-9a55-0d2b8e4f7a10", "attempts": 1, "cost_usd": 0.0}}""";

    private record Canned(int status, String contentType, Map<String, String> headers, String body) {
    }

    private static HttpServer server;
    private static final AtomicInteger received = new AtomicInteger();
    private static volatile Canned next;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", OpenApiValidationFilterTest::answer);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void reset() {
        received.set(0);
        next = null;
    }

    @Test
    void should_pass_when_request_and_response_follow_the_contract() {
        next = json(200, ANSWER);

        String content = call().queryParam("provider", "mock").body(CONTEXT).post("/v1/generate")
                .then().statusCode(200).extract().path("content");

        assertThat(content).isEqualTo("Hello from the mock provider.");
    }

    @Test
    void should_fail_when_the_response_body_breaks_the_contract() {
        next = json(200, ANSWER.replace("\"finish_reason\": \"stop\"", "\"finish_reason\": \"end_turn\""));

        assertThatThrownBy(() -> call().body(CONTEXT).post("/v1/generate"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The response 200 of POST /v1/generate breaks openapi.yaml")
                .hasMessageContaining("/finish_reason");
    }

    @Test
    void should_fail_when_the_response_has_no_request_id() {
        next = new Canned(200, "application/json", Map.of(), ANSWER);

        assertThatThrownBy(() -> call().body(CONTEXT).post("/v1/generate"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Header 'X-Request-Id' is expected");
    }

    @Test
    void should_fail_when_the_request_id_header_breaks_its_pattern() {
        next = new Canned(200, "application/json", Map.of("X-Request-Id", "not an id"), ANSWER);

        assertThatThrownBy(() -> call().body(CONTEXT).post("/v1/generate"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not match the regex pattern ^[A-Za-z0-9._:-]{1,128}$");
    }

    @Test
    void should_fail_when_the_status_is_not_in_the_contract() {
        next = json(418, "{}");

        assertThatThrownBy(() -> call().body(CONTEXT).post("/v1/generate"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Response status 418 not defined");
    }

    @Test
    void should_fail_before_sending_when_the_request_breaks_the_contract() {
        next = json(200, ANSWER);

        assertThatThrownBy(() -> call().body("""
                {"temperature": 5}""").post("/v1/generate"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The request of POST /v1/generate breaks openapi.yaml")
                .hasMessageContaining("/temperature");
        assertThat(received).hasValue(0);
    }

    @Test
    void should_validate_only_the_response_when_request_validation_is_off() {
        next = json(400, """
                {"error": {"type": "invalid_request", "message": "temperature: must be between 0 and 2",
                           "provider": null, "status_code": null, "retryable": false, "context_overflow": false,
                           "request_id": "3f1c9e2a-6b7d-4c1e-9a55-0d2b8e4f7a10"}}""");

        String type = given().filter(OpenApiContract.filter().withoutRequestValidation())
                .baseUri("http://127.0.0.1").port(server.getAddress().getPort())
                .contentType("application/json").body("""
                        {"temperature": 5}""")
                .post("/v1/generate").then().statusCode(400).extract().path("error.type");

        assertThat(type).isEqualTo("invalid_request");
    }

    @Test
    void should_leave_the_body_of_an_event_stream_to_the_test() {
        String stream = """
                event: text_delta
                data: {"type":"text_delta","text":"Hel"}

                : keep-alive

                event: done
                data: {"type":"done","finish_reason":"stop","usage":{},"metadata":{"provider":"mock","model":null,"provider_finish_reason":null,"request_id":"r1","attempts":1,"cost_usd":0.0}}

                """;
        next = new Canned(200, "text/event-stream;charset=UTF-8", Map.of("X-Request-Id", REQUEST_ID), stream);

        String body = call().accept("text/event-stream").body(CONTEXT).post("/v1/stream")
                .then().statusCode(200).extract().asString();

        assertThat(OpenApiContract.assertValidStream(body)).extracting(event -> event.get("type").asText())
                .containsExactly("text_delta", "done");
    }

    @Test
    void should_fail_when_a_stream_call_fails_without_an_error_envelope() {
        next = new Canned(502, "text/plain", Map.of("X-Request-Id", REQUEST_ID), "Bad Gateway");

        assertThatThrownBy(() -> call().accept("text/event-stream").body(CONTEXT).post("/v1/stream"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("The response 502 of POST /v1/stream breaks openapi.yaml");
    }

    private static RequestSpecification call() {
        return given().filter(OpenApiContract.filter())
                .baseUri("http://127.0.0.1").port(server.getAddress().getPort())
                .contentType("application/json");
    }

    private static Canned json(int status, String body) {
        return new Canned(status, "application/json", Map.of("X-Request-Id", REQUEST_ID), body);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        received.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        Canned canned = next;
        byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", canned.contentType());
        canned.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(canned.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
