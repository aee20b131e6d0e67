package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.LoggedErrors;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/**
 * A client that sends its request slowly, or stops halfway, loses its connection after
 * {@code switchboard.http.header-timeout} (the head) or {@code body-timeout} (the body), here 400 ms, long before
 * the idle timeout (here 2 s), which still governs a keep-alive connection between requests and an answer that
 * takes longer than the bounds. Each wait is a socket read with a timeout, over a raw socket.
 */
@QuarkusTest
@TestProfile(SlowClientsTest.ShortBounds.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class SlowClientsTest {

    public static class ShortBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.http.header-timeout", "400ms", "switchboard.http.body-timeout", "400ms",
                    "quarkus.http.idle-timeout", "2s",
                    "switchboard.providers.patient.type", "mock",
                    "switchboard.providers.patient.model", "patient-1",
                    "switchboard.providers.patient.responses[0]", "{\"content\":\"worth the wait\",\"delay_ms\":800}");
        }
    }

    /** Under the 2 s idle timeout: a connection closed within it was closed by a receive bound. */
    private static final int WITHIN_BOUND_MS = 1_600;
    private static final String HEAD = "POST /v1/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

    @TestHTTPResource("/")
    URL root;

    @Inject
    Vertx vertx;

    @Test
    void should_close_a_new_connection_whose_head_stops_halfway() throws IOException {
        try (Socket socket = connect()) {
            send(socket, HEAD);
            assertClosedWithin(socket, WITHIN_BOUND_MS);
        }
    }

    @Test
    void should_close_a_new_connection_whose_head_trickles_in_past_the_bound() throws IOException {
        try (Socket socket = connect()) {
            assertClosedWhileTrickling(socket, HEAD + "X-Slow: " + "a".repeat(200));
        }
    }

    @Test
    void should_close_a_connection_whose_body_stops_halfway_and_log_no_error() throws IOException {
        LoggedErrors errors = new LoggedErrors().attach();
        try (Socket socket = connect()) {
            send(socket, HEAD + "Content-Length: 100\r\n\r\n{\"messages\":[");
            assertClosedWithin(socket, WITHIN_BOUND_MS);
        } finally {
            errors.detach();
        }
        // a client gone before its body is in is not a failure of the gateway's: no trace per slow client
        assertThat(errors.records()).as("logged at ERROR").isEmpty();
    }

    @Test
    void should_close_a_kept_alive_connection_whose_next_head_or_body_stalls() throws IOException {
        for (String stalled : new String[] { HEAD, HEAD + "Content-Length: 100\r\n\r\n{\"messages\":[" }) {
            try (Socket socket = connect()) {
                send(socket, "GET /v1/providers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200");
                send(socket, stalled);
                assertClosedWithin(socket, WITHIN_BOUND_MS);
            }
        }
    }

    @Test
    void should_close_a_kept_alive_connection_whose_next_head_trickles_in_past_the_bound() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /v1/providers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200");
            assertClosedWhileTrickling(socket, HEAD + "X-Slow: " + "a".repeat(200));
        }
    }

    @Test
    void should_leave_an_idle_keep_alive_connection_to_the_idle_timeout() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /v1/providers HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200");
            // three times both bounds of silence between requests: still open
            assertOpenAfter(socket, 1_200);
            send(socket, HEAD + "Content-Length: " + GenerateResourceTest.HELLO.length() + "\r\n\r\n"
                    + GenerateResourceTest.HELLO);
            assertThat(readAnswer(socket.getInputStream())).startsWith("HTTP/1.1 200");
            // and then closed by the idle timeout of 2 s
            assertClosedWithin(socket, 20_000);
        }
    }

    @Test
    void should_answer_on_a_new_connection_after_a_backend_slower_than_the_bounds_http1() throws IOException {
        try (Socket socket = connect()) {
            send(socket, HEAD.replace("/v1/generate", "/v1/generate?provider=patient") + "Content-Length: "
                    + GenerateResourceTest.HELLO.length() + "\r\n\r\n" + GenerateResourceTest.HELLO);
            String answer = readAnswer(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200").contains("worth the wait");
        }
    }

    @Test
    void should_answer_on_a_new_connection_after_a_backend_slower_than_the_bounds_http2() throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
        try {
            RequestOptions request = new RequestOptions().setHost("127.0.0.1").setPort(root.getPort())
                    .setMethod(HttpMethod.POST).setURI("/v1/generate?provider=patient")
                    .putHeader("Content-Type", "application/json");
            String answer = client.request(request)
                    .compose(sent -> sent.send(GenerateResourceTest.HELLO).compose(response -> response.body()
                            .map(body -> response.version() + " " + response.statusCode() + " " + body)))
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(answer).startsWith("HTTP_2 200").contains("worth the wait");
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", root.getPort());
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads until the server closes the connection; fails if it is still open after {@code millis}. */
    private static void assertClosedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an answer before the close (none is expected, but a 408 would do) is read past
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open after " + millis + " ms");
        } catch (SocketException e) {
            // reset by the server: closed
        }
    }

    private static void assertOpenAfter(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int read = socket.getInputStream().read();
            throw new AssertionError("the server sent or closed (" + read + ") within " + millis + " ms");
        } catch (SocketTimeoutException e) {
            // nothing arrived and nothing closed: open
        }
    }

    /**
     * Sends {@code text} one byte every 100 ms (each pause a read with that timeout) and expects the server to
     * close the connection within {@link #WITHIN_BOUND_MS}, though bytes keep coming.
     */
    private static void assertClosedWhileTrickling(Socket socket, String text) throws IOException {
        socket.setSoTimeout(100);
        InputStream in = socket.getInputStream();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(bytes.length).isGreaterThan(WITHIN_BOUND_MS / 100);
        for (int i = 0; i < WITHIN_BOUND_MS / 100; i++) {
            try {
                socket.getOutputStream().write(bytes[i]);
                socket.getOutputStream().flush();
                if (in.read() < 0) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                // still open: the next byte
            } catch (SocketException e) {
                return;
            }
        }
        throw new AssertionError("the connection was still open after " + WITHIN_BOUND_MS
                + " ms of a head trickling in, one byte per 100 ms");
    }

    /** One answer of a kept-alive connection: the head, then the body by its Content-Length. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed before an answer: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        boolean chunked = false;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
            chunked |= line.regionMatches(true, 0, "transfer-encoding:", 0, 18) && line.contains("chunked");
        }
        return text + (chunked ? readChunks(in) : new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /** A chunked body, read to its last chunk and the blank line after it, so nothing of the answer is left. */
    private static String readChunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).strip(), 16);
            if (size == 0) {
                readLine(in);
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
