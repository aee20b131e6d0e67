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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Delay of each streamed chunk of a paced stream, straight from the mock upstream vs through the gateway.
 *
 * <pre>
 *   java bench/Paced.java MOCK_PORT MOCK_PATH GATEWAY_PORT GATEWAY_QUERY EVENTS DELAY_MS STREAMS ROUNDS WARMUP_ROUNDS
 * </pre>
 *
 * The mock writes {@code EVENTS} text deltas {@code DELAY_MS} apart, each carrying the mock's
 * {@code System.nanoTime()} at the moment of the write ({@code @<nanos>;}); this client reads the
 * same clock (one machine: the monotonic clock is shared between processes) when the delta arrives.
 * So each delta's delay is measured on its own, independently of the timer jitter of the mock.
 * A round runs {@code STREAMS} concurrent streams directly, then {@code STREAMS} through the gateway
 * (the order flips every round); the streams of a round start evenly spread over one interval, as
 * independent clients would. Each stream is one request on a new connection ({@code Connection:
 * close}); the first chunk (the time to first byte, measured elsewhere) carries no stamp and is not
 * counted. Prints mean/p50/p90/p99 of both sides and the difference, and a last line
 * {@code PACED_RESULT ...} for run.sh.
 * <p>
 * {@code GATEWAY_QUERY} selects the provider or route ({@code provider=NAME}); {@code -} sends no query (the
 * bench's Relay.java, which asks the mock itself); {@code raw} sends the mock's own request instead of
 * {@code /v1/stream}, for a byte relay that knows nothing of HTTP (socat).
 */
public class Paced {

    public static void main(String[] args) throws Exception {
        if (args.length < 9) {
            System.err.println("usage: java bench/Paced.java MOCK_PORT MOCK_PATH GATEWAY_PORT GATEWAY_QUERY EVENTS DELAY_MS "
                    + "STREAMS ROUNDS WARMUP_ROUNDS");
            System.exit(2);
        }
        int mockPort = Integer.parseInt(args[0]);
        String mockPath = args[1];
        int gwPort = Integer.parseInt(args[2]);
        String gwQuery = args[3];
        int events = Integer.parseInt(args[4]);
        int delay = Integer.parseInt(args[5]);
        int streams = Integer.parseInt(args[6]);
        int rounds = Integer.parseInt(args[7]);
        int warmup = Integer.parseInt(args[8]);

        String mockBody = mockPath.endsWith("/chat/completions")
                ? "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"temperature\":0.7}"
                : "{\"model\":\"m\",\"stream\":true,\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is 4200 + 42?\"}]}],\"temperature\":0.7}";
        String pacing = "x-mock-paced-events: " + events + "\r\nx-mock-chunk-delay-ms: " + delay + "\r\n";
        byte[][] req = {
                request(mockPort, mockPath, mockBody, pacing),
                gwQuery.equals("raw") ? request(gwPort, mockPath, mockBody, pacing)
                        : request(gwPort, "/v1/stream" + (gwQuery.isEmpty() || gwQuery.equals("-") ? "" : "?" + gwQuery),
                                "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"max_tokens\":64}",
                                gatewayAuth()) };
        int[] ports = { mockPort, gwPort };
        String[] names = { "direct", "gateway" };

        List<List<Long>> delays = List.of(new ArrayList<>(), new ArrayList<>());
        int[] failures = new int[2];
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            for (int r = 0; r < warmup + rounds; r++) {
                for (int k : (r & 1) == 0 ? new int[] { 0, 1 } : new int[] { 1, 0 }) {
                    List<Future<long[]>> running = new ArrayList<>();
                    long start = System.nanoTime();
                    for (int s = 0; s < streams; s++) {
                        long at = start + (long) s * delay * 1_000_000L / streams;
                        int side = k;
                        running.add(pool.submit(() -> {
                            LockSupport.parkNanos(at - System.nanoTime());
                            return stream(ports[side], req[side], events);
                        }));
                    }
                    for (Future<long[]> f : running) {
                        long[] d;
                        try {
                            d = f.get();
                        } catch (Exception e) {
                            failures[k]++;
                            System.err.println(names[k] + " stream failed: " + e.getCause());
                            if (failures[0] + failures[1] > 10) {
                                throw new IOException("too many failed streams: " + Arrays.toString(failures));
                            }
                            continue;
                        }
                        if (r >= warmup) {
                            for (long x : d) {
                                delays.get(k).add(x);
                            }
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long[] ds = sorted(delays.get(0)), gs = sorted(delays.get(1));
        if (ds.length == 0 || gs.length == 0) {
            throw new IOException("no samples");
        }
        System.out.printf(Locale.ROOT, "%d streams at a time, %d rounds (after %d warm-up), %d deltas %d ms apart; "
                + "per-delta delay in milliseconds (%d direct, %d gateway samples)%n", streams, rounds, warmup, events, delay,
                ds.length, gs.length);
        System.out.printf(Locale.ROOT, "%-30s %8s %8s %8s %8s %8s%n", "", "mean", "p50", "p90", "p99", "max");
        row("direct (mock upstream)", ds);
        row("through the gateway", gs);
        System.out.printf(Locale.ROOT, "%-30s %8.3f %8.3f %8.3f %8.3f%n", "added (gateway - direct)",
                ms(mean(gs) - mean(ds)), ms(pct(gs, 50) - pct(ds, 50)), ms(pct(gs, 90) - pct(ds, 90)),
                ms(pct(gs, 99) - pct(ds, 99)));
        System.out.printf(Locale.ROOT, "PACED_RESULT streams=%d direct_mean=%.3f direct_p50=%.3f direct_p99=%.3f gw_mean=%.3f "
                + "gw_p50=%.3f gw_p99=%.3f added_mean=%.3f added_p50=%.3f added_p99=%.3f failures=%d%n", streams,
                ms(mean(ds)), ms(pct(ds, 50)), ms(pct(ds, 99)), ms(mean(gs)), ms(pct(gs, 50)), ms(pct(gs, 99)),
                ms(mean(gs) - mean(ds)), ms(pct(gs, 50) - pct(ds, 50)), ms(pct(gs, 99) - pct(ds, 99)),
                failures[0] + failures[1]);
    }

    /** One whole stream; the delay of each stamped delta, in nanoseconds. */
    static long[] stream(int port, byte[] request, int events) throws IOException {
        long[] out = new long[events];
        int n = 0;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream os = socket.getOutputStream();
            os.write(request);
            os.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[16384];
            StringBuilder pending = new StringBuilder();
            boolean ok = false;
            for (int r; (r = in.read(buf)) > 0;) {
                long now = System.nanoTime();
                pending.append(new String(buf, 0, r, StandardCharsets.ISO_8859_1));
                if (!ok) {
                    if (pending.length() < 12) {
                        continue;
                    }
                    if (!pending.substring(0, 12).equals("HTTP/1.1 200")) {
                        throw new IOException("unexpected answer: " + pending.substring(0, Math.min(200, pending.length())));
                    }
                    ok = true;
                }
                int from = 0;
                while (true) {
                    int at = pending.indexOf("@", from);
                    if (at < 0) {
                        from = pending.length();
                        break;
                    }
                    int end = pending.indexOf(";", at);
                    if (end < 0) {
                        from = at;
                        break;
                    }
                    String digits = pending.substring(at + 1, end);
                    from = end + 1;
                    if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && n < events) {
                        out[n++] = now - Long.parseLong(digits);
                    }
                }
                pending.delete(0, from);
            }
        }
        if (n != events) {
            throw new IOException("expected " + events + " stamped deltas, got " + n);
        }
        return out;
    }

    /** GW_AUTH (environment), e.g. "Bearer sk-sb-…": the Authorization header of the gateway's requests. */
    static String gatewayAuth() {
        String auth = System.getenv("GW_AUTH");
        return auth == null || auth.isEmpty() ? "" : "Authorization: " + auth + "\r\n";
    }

    static byte[] request(int port, String path, String body, String extraHeaders) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Accept: text/event-stream\r\nConnection: close\r\nContent-Length: " + b.length + "\r\n" + extraHeaders + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + b.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    static long[] sorted(List<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static void row(String name, long[] s) {
        System.out.printf(Locale.ROOT, "%-30s %8.3f %8.3f %8.3f %8.3f %8.3f%n", name, ms(mean(s)), ms(pct(s, 50)),
                ms(pct(s, 90)), ms(pct(s, 99)), ms(s[s.length - 1]));
    }

    static double mean(long[] a) {
        double sum = 0;
        for (long x : a) {
            sum += x;
        }
        return sum / a.length;
    }

    static double ms(double nanos) {
        return nanos / 1e6;
    }

    /** Nearest-rank percentile of a sorted array. */
    static long pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
