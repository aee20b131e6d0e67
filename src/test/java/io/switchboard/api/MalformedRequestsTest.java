package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.RawHttp;

/**
 * Requests broken below the JSON: an oversized body sent chunked or declared, a bad percent-encoding,
 * a request line too long. What the gateway answers carries the envelope and a plain message.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MalformedRequestsTest {

    @TestHTTPResource("/")
    URL root;

    private static byte[] chunked(String target, int bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int sent = 0; sent < bytes; sent += chunk.length) {
            out.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(chunk);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void should_answer_413_with_the_envelope_for_an_oversized_chunked_body() throws Exception {
        for (String endpoint : List.of("/v1/generate", "/v1/stream", "/v1/chat/completions", "/v1/messages")) {
            RawHttp.Answer answer = RawHttp.exchange(root.getPort(), chunked(endpoint, 2 * 1024 * 1024));
            assertThat(answer.status()).as(endpoint).isEqualTo(413);
            assertThat(answer.body()).as(endpoint).contains("1048576 bytes");
        }
        assertThat(RawHttp.exchange(root.getPort(), chunked("/v1/generate", 2 * 1024 * 1024)).body())
                .contains("\"payload_too_large\"");
    }

    @Test
    void should_answer_413_with_the_envelope_for_an_oversized_declared_body() throws Exception {
        for (String endpoint : List.of("/v1/generate", "/v1/stream")) {
            RawHttp.Answer answer = RawHttp.send(root.getPort(), "POST", endpoint, null,
                    "Content-Type: application/json", "Content-Length: 5000000");
            assertThat(answer.status()).as(endpoint).isEqualTo(413);
            assertThat(answer.body()).as(endpoint).contains("\"payload_too_large\"");
        }
    }

    @Test
    void should_refuse_a_bad_percent_encoding_and_a_bad_content_length_without_serving_it() throws Exception {
        assertThat(RawHttp.send(root.getPort(), "GET", "/v1/providers%zz", null).status()).isEqualTo(400);
        for (String length : List.of("abc", "-1", "1, 2", "99999999999999999999")) {
            RawHttp.Answer answer = RawHttp.send(root.getPort(), "POST", "/v1/generate", null,
                    "Content-Type: application/json", "Content-Length: " + length);
            assertThat(answer.status()).as(length).isBetween(400, 413);
        }
        String longTarget = "/v1/providers?x=" + "a".repeat(10_000);
        assertThat(RawHttp.send(root.getPort(), "GET", longTarget, null).status()).isEqualTo(414);
    }

    /**
     * A target that is no valid URI (a {@code %} not followed by two hex digits, in the path or in the query) is
     * refused with the envelope naming where, and the request id: the launcher leaves the check to the gateway's
     * filter instead of the server's bare 400 (docs/security.md, "The HTTP edge"). A well-formed escape is decoded and served.
     */
    @Test
    void should_answer_a_malformed_percent_encoding_with_the_envelope() throws Exception {
        Map<String, String> expected = Map.of("/v1/generate%", "path: malformed percent-encoding", "/v1/%zz",
                "path: malformed percent-encoding", "/v1/generate?provider=%zz", "query: malformed percent-encoding",
                "/q/health%zz", "path: malformed percent-encoding", "/v1/generate?provider=a|b",
                "request target: not a valid URI (character at index 23)");
        for (Map.Entry<String, String> target : expected.entrySet()) {
            RawHttp.Answer answer = RawHttp.send(root.getPort(), "POST", target.getKey(), GenerateResourceTest.HELLO);
            assertThat(answer.status()).as(target.getKey()).isEqualTo(400);
            assertThat(answer.body()).as(target.getKey()).contains("\"type\":\"invalid_request\"")
                    .contains(target.getValue());
            assertThat(answer.header("X-Request-Id")).as(target.getKey()).startsWith("req_");
        }
        // %65cho is "echo", whose answers are first, second, third
        RawHttp.Answer served = RawHttp.send(root.getPort(), "POST", "/v1/generate?provider=%65cho",
                GenerateResourceTest.HELLO);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).containsAnyOf("\"first\"", "\"second\"", "\"third\"");
    }
}
