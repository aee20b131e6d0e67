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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency at a fixed request rate (open loop, as wrk2 does), straight to the mock and through the gateway.
 *
 * <pre>
 *   java bench/ConstantRate.java RATE SECONDS WARMUP_SECONDS CONNECTIONS MOCK_PORT MOCK_PATH GATEWAY_PORT GATEWAY_PATH
 * </pre>
 *
 * Requests are due at fixed times ({@code RATE} per second, spread over {@code CONNECTIONS} kept-alive
 * connections, one thread each); a request's latency is counted from the time it was due, not from
 * when it was sent, so a slow answer that delays the next requests is counted against every one of
 * them (no coordinated omission). Direct and gateway run one after the other, each {@code WARMUP_SECONDS}
 * unrecorded then {@code SECONDS} recorded; the order is direct, gateway. Prints p50/p90/p99/p99.9/max
 * of both and the difference, and a last line {@code RATE_RESULT ...} for run.sh.
 *
 * <p>With {@code GW_AUTH_PLAIN} set (environment, e.g. "Bearer" and a gateway key), it compares two kinds of
 * request to the same gateway process instead: that header against {@code GW_AUTH}'s (e.g. a virtual key), in
 * {@code ROUNDS} (default 4) interleaved rounds of direct, plain and keyed, each {@code SECONDS} recorded after
 * {@code WARMUP_SECONDS}, the order rotated every round. Two gateway processes measured minutes apart differ in
 * their p99 by more than a key costs; one process in interleaved rounds leaves the key's cost alone. Prints the
 * pooled percentiles of the three and a last line {@code AB_RESULT ...}.
 */
public class ConstantRate {

    public static void main(String[] args) throws Exception {
        if (args.length < 8) {
            System.err.println("usage: java bench/ConstantRate.java RATE SECONDS WARMUP_SECONDS CONNECTIONS MOCK_PORT MOCK_PATH "
                    + "GATEWAY_PORT GATEWAY_PATH");
            System.exit(2);
        }
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int mockPort = Integer.parseInt(args[4]);
        String mockPath = args[5];
        int gwPort = Integer.parseInt(args[6]);
        String gwPath = args[7];

        String mockBody = mockPath.endsWith("/chat/completions")
                ? "{\"model\":\"m\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],"
                        + "\"temperature\":0.7}"
                : "{\"model\":\"m\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"What is 4200 + 42?\"}]}],\"temperature\":0.7}";
        byte[] direct = request(mockPort, mockPath, mockBody, "Authorization: Bearer bench\r\n");
        String gatewayBody = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"max_tokens\":64}";
        byte[] gateway = request(gwPort, gwPath, gatewayBody, gatewayAuth());
        String plainAuth = System.getenv("GW_AUTH_PLAIN");
        if (plainAuth != null && !plainAuth.isEmpty()) {
            byte[] plain = request(gwPort, gwPath, gatewayBody, "Authorization: " + plainAuth + "\r\n");
            String rounds = System.getenv("ROUNDS");
            interleaved(rounds == null || rounds.isEmpty() ? 4 : Integer.parseInt(rounds), rate, seconds, warmup,
                    connections, new int[] {mockPort, gwPort, gwPort}, new byte[][] {direct, plain, gateway});
            return;
        }

        long[] ds = run(mockPort, direct, rate, seconds, warmup, connections);
        long[] gs = run(gwPort, gateway, rate, seconds, warmup, connections);
        System.out.printf(Locale.ROOT, "%d req/s for %d s (after %d s warm-up) over %d connections; latency from the due "
                + "time, milliseconds (%d direct, %d gateway samples)%n", rate, seconds, warmup, connections, ds.length,
                gs.length);
        System.out.printf(Locale.ROOT, "%-30s %8s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "p99.9", "max");
        row("direct (mock upstream)", ds);
        row("through the gateway", gs);
        System.out.printf(Locale.ROOT, "%-30s %8.3f %8.3f %8.3f %8.3f%n", "added (gateway pN - direct pN)",
                ms(pct(gs, 50) - pct(ds, 50)), ms(pct(gs, 90) - pct(ds, 90)), ms(pct(gs, 99) - pct(ds, 99)),
                ms(pct(gs, 99.9) - pct(ds, 99.9)));
        System.out.printf(Locale.ROOT, "RATE_RESULT rate=%d direct_p50=%.3f direct_p99=%.3f gw_p50=%.3f gw_p99=%.3f "
                + "added_p50=%.3f added_p99=%.3f added_p999=%.3f%n", rate, ms(pct(ds, 50)), ms(pct(ds, 99)),
                ms(pct(gs, 50)), ms(pct(gs, 99)), ms(pct(gs, 50) - pct(ds, 50)), ms(pct(gs, 99) - pct(ds, 99)),
                ms(pct(gs, 99.9) - pct(ds, 99.9)));
    }

    /** Direct, plain and keyed requests in interleaved rounds, each target's samples pooled over the rounds. */
    static void interleaved(int rounds, int rate, int seconds, int warmup, int connections, int[] ports,
            byte[][] requests) throws Exception {
        String[] names = {"direct (mock upstream)", "gateway, plain request", "gateway, keyed request"};
        List<List<long[]>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 3; k++) {
                int t = (r + k) % 3;
                samples.get(t).add(run(ports[t], requests[t], rate, seconds, warmup, connections));
            }
        }
        long[][] pooled = new long[3][];
        for (int t = 0; t < 3; t++) {
            pooled[t] = samples.get(t).stream().flatMapToLong(Arrays::stream).sorted().toArray();
        }
        System.out.printf(Locale.ROOT, "%d req/s, %d interleaved rounds of %d s each (after %d s warm-up) over %d "
                + "connections; latency from the due time, milliseconds, pooled over the rounds%n", rate, rounds, seconds,
                warmup, connections);
        System.out.printf(Locale.ROOT, "%-30s %8s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "p99.9", "max");
        for (int t = 0; t < 3; t++) {
            row(names[t], pooled[t]);
        }
        long[] d = pooled[0], p = pooled[1], k = pooled[2];
        System.out.printf(Locale.ROOT, "AB_RESULT rate=%d rounds=%d direct_p99=%.3f plain_p99=%.3f keyed_p99=%.3f "
                + "plain_added_p50=%.3f keyed_added_p50=%.3f plain_added_p99=%.3f keyed_added_p99=%.3f "
                + "keyed_minus_plain_p99=%.3f%n", rate, rounds, ms(pct(d, 99)), ms(pct(p, 99)), ms(pct(k, 99)),
                ms(pct(p, 50) - pct(d, 50)), ms(pct(k, 50) - pct(d, 50)), ms(pct(p, 99) - pct(d, 99)),
                ms(pct(k, 99) - pct(d, 99)), ms(pct(k, 99) - pct(p, 99)));
    }

    /** The recorded latencies (nanoseconds, sorted) of one target. */
    static long[] run(int port, byte[] request, int rate, int seconds, int warmup, int connections) throws Exception {
        long interval = 1_000_000_000L / rate;
        long t0 = System.nanoTime() + 50_000_000L;
        long recordFrom = t0 + warmup * 1_000_000_000L;
        long end = recordFrom + seconds * 1_000_000_000L;
        List<long[]> perThread = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            long[] samples = new long[(int) ((long) seconds * rate / connections + 16)];
            perThread.add(samples);
            int worker = w;
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                Conn conn = null;
                try {
                    for (long i = 0;; i++) {
                        long due = t0 + (i * connections + worker) * interval;
                        if (due >= end) {
                            break;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        try {
                            if (conn == null) {
                                conn = new Conn(port);
                            }
                            conn.exchange(request);
                        } catch (IOException e) {
                            failures.incrementAndGet();
                            if (conn != null) {
                                conn.close();
                                conn = null;
                            }
                            continue;
                        }
                        long latency = System.nanoTime() - due;
                        if (due >= recordFrom && n < samples.length) {
                            samples[n++] = latency;
                        }
                    }
                } finally {
                    if (conn != null) {
                        conn.close();
                    }
                    samples[samples.length - 1] = n; // the count, read back below
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failures.get() > 0) {
            System.err.println(failures.get() + " failed requests on port " + port);
        }
        List<Long> all = new ArrayList<>();
        for (long[] s : perThread) {
            int n = (int) s[s.length - 1];
            for (int i = 0; i < n; i++) {
                all.add(s[i]);
            }
        }
        if (all.isEmpty()) {
            throw new IOException("no successful request on port " + port);
        }
        long[] a = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static void row(String name, long[] s) {
        System.out.printf(Locale.ROOT, "%-30s %8.3f %8.3f %8.3f %8.3f %8.3f%n", name, ms(pct(s, 50)), ms(pct(s, 90)),
                ms(pct(s, 99)), ms(pct(s, 99.9)), ms(s[s.length - 1]));
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
                + "Content-Length: " + b.length + "\r\n" + extraHeaders + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /** One kept-alive HTTP/1.1 connection: a request, then the whole answer (Content-Length or chunked). */
    static final class Conn {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        Conn(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        void exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IOException("unexpected status: " + status);
            }
            long length = -1;
            boolean chunked = false;
            for (String h; !(h = line()).isEmpty();) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0;) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("answer without a length");
            }
        }

        void skip(long n) throws IOException {
            in.skipNBytes(n); // EOFException when the answer is cut
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

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
