package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.LoggedErrors;
import io.switchboard.testsupport.RawHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * Request targets the router refuses before any route: one that is not a path ({@code GET v1/providers},
 * {@code OPTIONS *}) and an HTTP/1.1 request without {@code Host}. They are client mistakes, answered 400 with
 * the envelope and a request id, over HTTP/1.1 and HTTP/2, and they write no error to the log (a stack trace
 * per request would let anyone fill the disk without a key).
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class RequestTargetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    @Inject
    Vertx vertx;

    final LoggedErrors errors = new LoggedErrors();

    @BeforeEach
    void captureErrors() {
        errors.attach();
    }

    @AfterEach
    void release() {
        errors.detach();
    }

    @Test
    void should_refuse_a_target_that_is_not_a_path_with_the_envelope_and_no_error_logged_http1() throws Exception {
        for (String target : List.of("GET v1/providers", "POST v1/generate", "GET v1/nothing", "OPTIONS *",
                "GET v1/../v1/providers")) {
            RawHttp.Answer answer = RawHttp.exchange(root.getPort(), (target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Request-Id: target-check-1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.header("X-Request-Id")).as(target).isEqualTo("target-check-1");
            assertRefusedPath(target, answer.body(), "target-check-1");
        }
        assertThat(errors.records()).as("logged at ERROR").isEmpty();
    }

    @Test
    void should_refuse_a_target_that_is_not_a_path_with_the_envelope_and_no_error_logged_http2() throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        try {
            for (String target : List.of("v1/providers", "v1/generate")) {
                RequestOptions request = new RequestOptions().setHost("127.0.0.1").setPort(root.getPort())
                        .setMethod(HttpMethod.GET).setURI(target);
                Exchange answer = client.request(request)
                        .compose(sent -> sent.send().compose(response -> response.body()
                                .map(body -> new Exchange(response.version(), response.statusCode(),
                                        response.getHeader("X-Request-Id"), body.toString()))))
                        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
                assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
                assertThat(answer.status()).as(target).isEqualTo(400);
                assertThat(answer.requestId()).as(target).startsWith("req_");
                assertRefusedPath(target, answer.body(), answer.requestId());
            }
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        assertThat(errors.records()).as("logged at ERROR").isEmpty();
    }

    @Test
    void should_answer_400_to_an_http11_request_without_host_and_log_no_error() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(root.getPort(),
                "GET /v1/providers HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request");
        assertThat(error.path("message").asText()).isEqualTo("Host: required");
        assertThat(answer.header("X-Request-Id")).isEqualTo(error.path("request_id").asText());
        assertThat(errors.records()).as("logged at ERROR").isEmpty();
    }

    private static void assertRefusedPath(String target, String body, String requestId) throws Exception {
        JsonNode error = JSON.readTree(body).path("error");
        assertThat(error.path("type").asText()).as(target).isEqualTo("invalid_request");
        assertThat(error.path("message").asText()).as(target).startsWith("path: ").contains("starts with '/'");
        assertThat(error.path("request_id").asText()).as(target).isEqualTo(requestId);
    }

    record Exchange(HttpVersion version, int status, String requestId, String body) {
    }
}
