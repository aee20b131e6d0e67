import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Time to the first body byte of a stream, straight from the mock upstream vs through the gateway.
 *
 * <pre>
 *   java bench/Ttfb.java MOCK_PORT MOCK_PATH GATEWAY_PORT GATEWAY_QUERY SAMPLES WARMUP CHUNK_DELAY_MS
 * </pre>
 *
 * One request at a time, on one kept-alive connection per target (the gateway keeps its upstream
 * connections alive too, so neither side pays a TCP handshake). Requests alternate direct/gateway
 * (and the order flips every pair) so that load drifting on a shared machine hits both alike. The
 * clock starts just before the request is written and stops when the first byte after the response
 * headers has been read: the mock sends its headers together with the first text delta, and the
 * gateway sends its headers together with its first {@code text_delta} event, so both measure "first
 * token". The rest of each stream is read to its end before the next request. Raw HTTP/1.1 on a
 * plain socket: no client library between the clock and the wire.
 *
 * Prints p50/p90/p99 of direct, of gateway, the difference of those percentiles, and percentiles
 * of the per-pair difference; and the last line {@code TTFB_RESULT ...} for run.sh.
 */
public class Ttfb {

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: java bench/Ttfb.java MOCK_PORT MOCK_PATH GATEWAY_PORT GATEWAY_QUERY SAMPLES WARMUP CHUNK_DELAY_MS");
            System.exit(2);
        }
        int mockPort = Integer.parseInt(args[0]);
        String mockPath = args[1];
        int gwPort = Integer.parseInt(args[2]);
        String gwQuery = args[3];
        int samples = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        String delay = args[6];

        String mockBody = mockPath.endsWith("/chat/completions")
                ? "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"temperature\":0.7}"
                : "{\"model\":\"m\",\"stream\":true,\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is 4200 + 42?\"}]}],\"temperature\":0.7}";
        byte[] direct = request(mockPort, mockPath, mockBody, "x-mock-chunk-delay-ms: " + delay + "\r\n");
        byte[] gateway = request(gwPort, "/v1/stream" + (gwQuery.isEmpty() || gwQuery.equals("-") ? "" : "?" + gwQuery),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"max_tokens\":64}", gatewayAuth());

        Conn[] c = { new Conn(mockPort), new Conn(gwPort) };
        byte[][] req = { direct, gateway };
        String[] name = { "direct", "gateway" };
        int[] failures = new int[2];
        try {
            long[] ds = new long[samples], gs = new long[samples], diff = new long[samples];
            int n = 0;
            for (int i = 0; n < samples; i++) {
                if (failures[0] + failures[1] > 20 || i > warmup + 2 * samples) {
                    throw new IOException("too many failed requests: " + Arrays.toString(failures));
                }
                int first = (i & 1), second = 1 - first;
                long[] t = new long[2];
                boolean ok = true;
                for (int k : new int[] { first, second }) {
                    try {
                        t[k] = c[k].ttfb(req[k], k == 1);
                    } catch (IOException e) {
                        // count it, reconnect, drop the pair: one failure must not end the run
                        failures[k]++;
                        System.err.println(name[k] + " request failed: " + e.getMessage());
                        c[k].close();
                        c[k] = new Conn(k == 0 ? mockPort : gwPort);
                        ok = false;
                    }
                }
                if (!ok || i < warmup) {
                    continue;
                }
                ds[n] = t[0];
                gs[n] = t[1];
                diff[n] = t[1] - t[0];
                n++;
            }
            Arrays.sort(ds);
            Arrays.sort(gs);
            Arrays.sort(diff);
            double[] ps = { 50, 90, 99 };
            System.out.printf(Locale.ROOT, "%d pairs (after %d warm-up pairs), chunk delay %s ms; milliseconds%n", samples, warmup, delay);
            System.out.printf(Locale.ROOT, "%-34s %8s %8s %8s%n", "", "p50", "p90", "p99");
            row("direct (mock upstream)", ds, ps);
            row("through the gateway", gs, ps);
            System.out.printf(Locale.ROOT, "%-34s %8.3f %8.3f %8.3f%n", "added (gateway pN - direct pN)",
                    ms(pct(gs, 50) - pct(ds, 50)), ms(pct(gs, 90) - pct(ds, 90)), ms(pct(gs, 99) - pct(ds, 99)));
            row("added (pN of per-pair difference)", diff, ps);
            System.out.printf(Locale.ROOT,
                    "TTFB_RESULT direct_p50=%.3f direct_p90=%.3f direct_p99=%.3f gw_p50=%.3f gw_p90=%.3f gw_p99=%.3f "
                            + "added_p50=%.3f added_p90=%.3f added_p99=%.3f pair_p50=%.3f pair_p90=%.3f pair_p99=%.3f%n",
                    ms(pct(ds, 50)), ms(pct(ds, 90)), ms(pct(ds, 99)), ms(pct(gs, 50)), ms(pct(gs, 90)), ms(pct(gs, 99)),
                    ms(pct(gs, 50) - pct(ds, 50)), ms(pct(gs, 90) - pct(ds, 90)), ms(pct(gs, 99) - pct(ds, 99)),
                    ms(pct(diff, 50)), ms(pct(diff, 90)), ms(pct(diff, 99)));
            System.out.printf(Locale.ROOT, "TTFB_FAILURES direct=%d gateway=%d%n", failures[0], failures[1]);
        } finally {
            c[0].close();
            c[1].close();
        }
    }

    static void row(String name, long[] sorted, double[] ps) {
        System.out.printf(Locale.ROOT, "%-34s %8.3f %8.3f %8.3f%n", name, ms(pct(sorted, ps[0])), ms(pct(sorted, ps[1])),
                ms(pct(sorted, ps[2])));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Nearest-rank percentile of a sorted array. */
    static long pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** GW_AUTH (environment), e.g. "Bearer sk-sb-…": the Authorization header of the gateway's requests. */
    static String gatewayAuth() {
        String auth = System.getenv("GW_AUTH");
        return auth == null || auth.isEmpty() ? "" : "Authorization: " + auth + "\r\n";
    }

    static byte[] request(int port, String path, String body, String extraHeaders) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Accept: text/event-stream\r\nContent-Length: " + b.length + "\r\n" + extraHeaders + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /** One kept-alive HTTP/1.1 connection. */
    static final class Conn implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Conn(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000); // a stuck stream fails the run instead of hanging it
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        /** Nanoseconds from writing the request to reading the first body byte; reads the whole response. */
        long ttfb(byte[] request, boolean expectTextDelta) throws IOException {
            long start = System.nanoTime();
            out.write(request);
            out.flush();
            String status = line();
            List<String> headers = new ArrayList<>();
            for (String h; !(h = line()).isEmpty();) {
                headers.add(h.toLowerCase(Locale.ROOT));
            }
            int first = in.read();
            long t = System.nanoTime() - start;
            if (first < 0) {
                throw new IOException("connection closed before the body");
            }
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException("unexpected status: " + status);
            }
            StringBuilder body = new StringBuilder();
            body.append((char) first);
            boolean chunked = headers.stream().anyMatch(h -> h.startsWith("transfer-encoding:") && h.contains("chunked"));
            if (!chunked) {
                throw new IOException("expected a chunked stream, got headers " + headers);
            }
            // chunked: the first byte read was the first hex digit of the first chunk's size
            String sizeLine = (char) first + line();
            while (true) {
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size) {
                    throw new IOException("stream cut");
                }
                if (expectTextDelta && body.length() < 4096) {
                    body.append(new String(chunk, StandardCharsets.UTF_8));
                }
                line();
                sizeLine = line();
            }
            if (expectTextDelta && !body.toString().contains("text_delta")) {
                throw new IOException("gateway stream has no text_delta: " + body);
            }
            return t;
        }

        String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int c; (c = in.read()) != '\n';) {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
