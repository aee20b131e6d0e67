package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;

/**
 * A client that stops reading an open stream must pause the backend, not make the gateway buffer
 * everything the backend sends: the fake backend here writes as fast as its socket takes it, forever.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class StreamBackpressureTest extends FakeUpstreamTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void should_pause_a_fast_backend_while_the_client_does_not_read() throws Exception {
        // about 8 KB of text deltas per repetition
        String burst = Fixtures.content("x".repeat(200)).repeat(32);
        fake.enqueue(FakeUpstream.sse(List.of(Fixtures.content("start"))).thenRepeatForever(burst));
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
            // now the client reads nothing: every buffer on the way fills (socket buffers grow to a few MB
            // on loopback), then the backend must be paused
            long[] written = new long[10];
            long[] heapMb = new long[10];
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int second = 0; second < written.length; second++) {
                Thread.sleep(1000);
                written[second] = fake.bytesWritten();
                memory.gc();
                heapMb[second] = memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
            }
            System.out.printf("slow reader: backend bytes written after each second %s; heap used after GC (MB) %s%n",
                    Arrays.toString(written), Arrays.toString(heapMb));
            // what the backend could write is what the kernel's socket buffers take on the way (they grow
            // to a few MB on loopback), not what the gateway holds: without pausing it was hundreds of MB
            assertThat(written[9]).as("bytes the backend wrote in all").isLessThan(64L * 1024 * 1024);
            assertThat(heapMb[9] - heapMb[2]).as("heap growth (MB) while the client read nothing").isLessThan(48);
        }
        // the client hung up: the backend connection is closed too
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.lastRequest().closedEarly());
    }
}
