package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.InjectFakeUpstream;

/**
 * A client that stops reading an open stream must pause the backend, not make the gateway buffer
 * everything the backend sends: the fake backend here writes as fast as its socket takes it, forever.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class StreamBackpressureTest {

    @InjectFakeUpstream
    FakeUpstream upstream;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    @Test
    void should_pause_a_fast_backend_while_the_client_does_not_read() throws Exception {
        // about 8 KB of text deltas per repetition
        String burst = Fixtures.content("x".repeat(200)).repeat(32);
        upstream.enqueue(FakeUpstream.sse(List.of(Fixtures.content("start"))).thenRepeatForever(burst));
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(8 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", root.getPort()));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/stream?provider=openai HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] first = new byte[4096];
            int read = in.read(first);
            assertThat(new String(first, 0, read, StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200");
            // now the client reads nothing: every buffer on the way fills, then the backend must be paused
            Thread.sleep(3000);
            long settled = upstream.bytesWritten();
            Thread.sleep(2000);
            long later = upstream.bytesWritten();
            Runtime runtime = Runtime.getRuntime();
            long heapUsedMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
            System.out.printf("slow reader: backend wrote %d bytes after 3 s, %d after 5 s; heap used %d MB%n",
                    settled, later, heapUsedMb);
            assertThat(later - settled).as("bytes the backend wrote while the client read nothing")
                    .isLessThan(512 * 1024);
            assertThat(later).as("bytes the backend wrote in all").isLessThan(32L * 1024 * 1024);
        }
        // the client hung up: the backend connection is closed too
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.lastRequest().closedEarly());
    }
}
