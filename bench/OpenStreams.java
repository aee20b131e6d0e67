import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many long streams open at once: the client of bench/open-streams.sh.
 *
 * <pre>
 *   java bench/OpenStreams.java PORT PATH MODE STREAMS RAMP_PER_S EVENTS STREAM_SECONDS [HEADER=VALUE ...]
 * </pre>
 *
 * Opens {@code STREAMS} streamed requests to {@code 127.0.0.1:PORT PATH}, {@code RAMP_PER_S} new connections a
 * second (so the listener's accept queue is not what is measured), each on its own connection, and holds them all
 * open until the upstream ends them: the mock, told by its {@code /knobs/…} base path, writes {@code EVENTS} text
 * deltas a second apart, each stamped with its {@code System.nanoTime()} at the write ({@code @<nanos>;}). This
 * client reads the same monotonic clock when a delta's bytes arrive (one machine: the clock is shared by its
 * processes), so each delta's delay is measured on its own. One thread and one selector read every connection.
 * <p>
 * {@code MODE} {@code gateway}: {@code POST /v1/stream} of Switchboard, whose terminal events are {@code event: done}
 * and {@code event: error}; {@code openai}: the OpenAI Chat Completions request (straight to the mock, or to
 * Portkey with its routing headers as extra {@code HEADER=VALUE} arguments), whose terminal event is
 * {@code data: [DONE]} (an error object in a data line counts as a terminal error event).
 * <p>
 * Counts every stream: answered 200 with exactly one terminal event and all {@code EVENTS} deltas (ok), refused
 * (HTTP status other than 200), failed (connect or read error, or the connection closed without a terminal event:
 * lost), more than one terminal event or more deltas than sent (duplicated), or still open at the deadline. Prints
 * a progress line every 5 s, {@code ALL_OPEN} once the last stream has been opened (bench/open-streams.sh takes its
 * heap histogram then), and a last line {@code OPEN_RESULT key=value ...}.
 */
public class OpenStreams {

    static final String GATEWAY_BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"max_tokens\":64}";
    static final String OPENAI_BODY = "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"temperature\":0.7}";

    enum Phase {
        HEAD, SIZE, DATA, DATA_END, PLAIN, DONE
    }

    /** One stream's connection and parser state. */
    static final class Stream {
        final SocketChannel channel;
        ByteBuffer out;
        Phase phase = Phase.HEAD;
        byte[] head = new byte[512];
        int headLength;
        int status;
        long left; // bytes left in the current chunk, or of a Content-Length body (-1: until the connection closes)
        long size; // the chunk size being read
        boolean extension;
        byte[] line = new byte[256];
        int lineLength;
        int terminals;
        int errorEvents;
        int stamps;
        boolean finished;

        Stream(SocketChannel channel) {
            this.channel = channel;
        }
    }

    static boolean gatewayMode;
    static int events;
    static int[] delays = new int[1 << 16]; // micros
    static int delayCount;
    static int ok, refused, failed, lost, duplicated, shortStreams, errorEventStreams, active, peakActive, finishedCount;
    static final Map<String, Integer> failures = new TreeMap<>();
    static final Map<Integer, Integer> statuses = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: java bench/OpenStreams.java PORT PATH MODE STREAMS RAMP_PER_S EVENTS STREAM_SECONDS "
                    + "[HEADER=VALUE ...]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        gatewayMode = switch (args[2]) {
            case "gateway" -> true;
            case "openai" -> false;
            default -> throw new IllegalArgumentException("MODE is gateway or openai: " + args[2]);
        };
        int streams = Integer.parseInt(args[3]);
        double ramp = Double.parseDouble(args[4]);
        events = Integer.parseInt(args[5]);
        int streamSeconds = Integer.parseInt(args[6]);
        StringBuilder extra = new StringBuilder();
        for (int i = 7; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            extra.append(args[i], 0, eq).append(": ").append(args[i].substring(eq + 1)).append("\r\n");
        }
        byte[] body = (gatewayMode ? GATEWAY_BODY : OPENAI_BODY).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Accept: text/event-stream\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n" + extra + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);

        Selector selector = Selector.open();
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        long start = System.nanoTime();
        long rampNanos = (long) (streams / ramp * 1e9);
        long deadline = start + rampNanos + (streamSeconds + 60) * 1_000_000_000L;
        long nextReport = start + 5_000_000_000L;
        int opened = 0;
        boolean allOpenSaid = false;
        while (true) {
            long now = System.nanoTime();
            long due = Math.min(streams, (long) ((now - start) / 1e9 * ramp) + 1);
            while (opened < due) {
                open(selector, address, request);
                opened++;
            }
            if (opened == streams && !allOpenSaid) {
                allOpenSaid = true;
                System.out.printf(Locale.ROOT, "ALL_OPEN t=%.1fs open=%d finished=%d%n", (now - start) / 1e9, active,
                        finishedCount);
            }
            if (opened == streams && active == 0) {
                break;
            }
            if (now > deadline) {
                break;
            }
            if (now > nextReport) {
                nextReport += 5_000_000_000L;
                System.out.printf(Locale.ROOT, "t=%.0fs opened=%d open=%d finished=%d ok=%d refused=%d failed=%d deltas=%d%n",
                        (now - start) / 1e9, opened, active, finishedCount, ok, refused, failed, delayCount);
            }
            selector.select(opened < streams ? 2 : 250);
            long arrived = System.nanoTime();
            var keys = selector.selectedKeys();
            for (SelectionKey key : keys) {
                handle(key, in, arrived);
            }
            keys.clear();
        }
        int unfinished = active;
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Stream s && !s.finished) {
                fail(s, "still open at the deadline");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] sorted = Arrays.copyOf(delays, delayCount);
        Arrays.sort(sorted);
        double mean = 0;
        for (int d : sorted) {
            mean += d;
        }
        mean = delayCount == 0 ? Double.NaN : mean / delayCount / 1000.0;
        System.out.printf(Locale.ROOT, "streams %d opened at %.0f/s in %.1f s; peak open %d%n", streams, ramp, seconds, peakActive);
        System.out.printf(Locale.ROOT, "ok (200, exactly one terminal event, all %d deltas) %d; refused %d %s; failed %d %s%n",
                events, ok, refused, statuses, failed, failures);
        System.out.printf(Locale.ROOT, "lost (no terminal event) %d; duplicated (more than one terminal event or delta) %d; "
                + "fewer deltas than sent %d; ended with an error event %d; still open at the deadline %d%n", lost,
                duplicated, shortStreams, errorEventStreams, unfinished);
        System.out.printf(Locale.ROOT, "per-delta delay, mock write to client read, %d deltas: mean %.3f ms, p50 %.3f, p90 %.3f, "
                + "p99 %.3f, p99.9 %.3f, max %.3f%n", delayCount, mean, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                pct(sorted, 99.9), pct(sorted, 100));
        System.out.printf(Locale.ROOT, "OPEN_RESULT streams=%d ok=%d refused=%d failed=%d lost=%d duplicated=%d short=%d "
                + "error_events=%d unfinished=%d peak_open=%d deltas=%d mean=%.3f p50=%.3f p90=%.3f p99=%.3f p999=%.3f "
                + "max=%.3f seconds=%.1f%n", streams, ok, refused, failed, lost, duplicated, shortStreams, errorEventStreams,
                unfinished, peakActive, delayCount, mean, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                pct(sorted, 99.9), pct(sorted, 100), seconds);
        System.exit(0);
    }

    static double pct(int[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }

    static void open(Selector selector, InetSocketAddress address, byte[] request) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Stream s = new Stream(channel);
            s.out = ByteBuffer.wrap(request);
            active++;
            peakActive = Math.max(peakActive, active);
            if (channel.connect(address)) {
                channel.register(selector, SelectionKey.OP_WRITE, s);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, s);
            }
        } catch (IOException e) {
            count(failures, "open: " + e.getMessage());
            failed++;
            if (channel != null) {
                active--;
                try {
                    channel.close();
                } catch (IOException ignored) {
                }
            }
        }
    }

    static void handle(SelectionKey key, ByteBuffer in, long arrived) {
        Stream s = (Stream) key.attachment();
        if (s.finished) {
            return;
        }
        try {
            if (key.isConnectable()) {
                s.channel.finishConnect();
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            if (key.isWritable()) {
                s.channel.write(s.out);
                if (!s.out.hasRemaining()) {
                    s.out = null;
                    key.interestOps(SelectionKey.OP_READ);
                }
                return;
            }
            while (true) {
                in.clear();
                int n = s.channel.read(in);
                if (n < 0) {
                    closed(s);
                    return;
                }
                if (n == 0) {
                    return;
                }
                in.flip();
                consume(s, in, arrived);
                if (s.finished) {
                    return;
                }
            }
        } catch (IOException e) {
            fail(s, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The connection reached its end of file. */
    static void closed(Stream s) {
        if (s.phase == Phase.PLAIN && s.left < 0) {
            finish(s);
        } else {
            fail(s, s.phase == Phase.HEAD ? "closed before the response head" : "closed inside the body");
        }
    }

    static void consume(Stream s, ByteBuffer in, long arrived) {
        while (in.hasRemaining() && !s.finished) {
            switch (s.phase) {
                case HEAD -> {
                    byte b = in.get();
                    if (s.headLength == s.head.length) {
                        s.head = Arrays.copyOf(s.head, s.head.length * 2);
                    }
                    s.head[s.headLength++] = b;
                    int n = s.headLength;
                    if (n >= 4 && s.head[n - 1] == '\n' && s.head[n - 2] == '\r' && s.head[n - 3] == '\n' && s.head[n - 4] == '\r') {
                        head(s);
                    }
                }
                case SIZE -> {
                    byte b = in.get();
                    if (b == '\n') {
                        if (s.size == 0) {
                            finish(s); // the last chunk; its trailer, if any, is not read
                        } else {
                            s.left = s.size;
                            s.phase = Phase.DATA;
                        }
                    } else if (!s.extension) {
                        int digit = Character.digit(b, 16);
                        if (digit >= 0) {
                            s.size = s.size * 16 + digit;
                        } else if (b != '\r') {
                            s.extension = true; // a chunk extension: the rest of the line is skipped
                        }
                    }
                }
                case DATA -> {
                    int take = (int) Math.min(s.left, in.remaining());
                    body(s, in, take, arrived);
                    s.left -= take;
                    if (s.left == 0) {
                        s.phase = Phase.DATA_END;
                        s.size = 2; // the CRLF after the chunk's data
                    }
                }
                case DATA_END -> {
                    in.get();
                    if (--s.size == 0) {
                        s.phase = Phase.SIZE;
                        s.extension = false;
                    }
                }
                case PLAIN -> {
                    int take = s.left < 0 ? in.remaining() : (int) Math.min(s.left, in.remaining());
                    body(s, in, take, arrived);
                    if (s.left >= 0) {
                        s.left -= take;
                        if (s.left == 0) {
                            finish(s);
                        }
                    }
                }
                case DONE -> in.position(in.limit());
            }
        }
    }

    static void head(Stream s) {
        String head = new String(s.head, 0, s.headLength, StandardCharsets.ISO_8859_1);
        s.head = null;
        int sp = head.indexOf(' ');
        s.status = Integer.parseInt(head.substring(sp + 1, sp + 4));
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            s.phase = Phase.SIZE;
            s.size = 0;
            return;
        }
        int at = lower.indexOf("\r\ncontent-length:");
        s.left = at < 0 ? -1 : Long.parseLong(lower.substring(at + 17, lower.indexOf('\r', at + 17)).trim());
        s.phase = Phase.PLAIN;
        if (s.left == 0) {
            finish(s);
        }
    }

    /** Body bytes: split into lines; each line is one SSE field. */
    static void body(Stream s, ByteBuffer in, int length, long arrived) {
        for (int i = 0; i < length; i++) {
            byte b = in.get();
            if (b == '\n') {
                line(s, arrived);
                s.lineLength = 0;
            } else if (b != '\r') {
                if (s.lineLength == s.line.length) {
                    s.line = Arrays.copyOf(s.line, s.line.length * 2);
                }
                s.line[s.lineLength++] = b;
            }
        }
    }

    static void line(Stream s, long arrived) {
        byte[] l = s.line;
        int n = s.lineLength;
        if (gatewayMode && startsWith(l, n, "event: ")) {
            if (startsWith(l, n, "event: done") && n == 11) {
                s.terminals++;
            } else if (startsWith(l, n, "event: error") && n == 12) {
                s.terminals++;
                s.errorEvents++;
            }
            return;
        }
        if (!startsWith(l, n, "data:")) {
            return;
        }
        if (!gatewayMode) {
            if (startsWith(l, n, "data: [DONE]")) {
                s.terminals++;
                return;
            }
            if (indexOf(l, n, "\"error\"") >= 0) {
                s.terminals++;
                s.errorEvents++;
                return;
            }
        }
        // every "@<digits>;" in the line is a delta's stamp
        for (int i = 0; i < n; i++) {
            if (l[i] != '@') {
                continue;
            }
            long stamp = 0;
            int j = i + 1;
            while (j < n && l[j] >= '0' && l[j] <= '9') {
                stamp = stamp * 10 + (l[j++] - '0');
            }
            if (j > i + 1 && j < n && l[j] == ';') {
                s.stamps++;
                if (delayCount == delays.length) {
                    delays = Arrays.copyOf(delays, delays.length * 2);
                }
                delays[delayCount++] = (int) Math.min(Integer.MAX_VALUE, (arrived - stamp) / 1000);
                i = j;
            }
        }
    }

    static boolean startsWith(byte[] l, int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (l[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] l, int n, String needle) {
        outer: for (int i = 0; i + needle.length() <= n; i++) {
            for (int k = 0; k < needle.length(); k++) {
                if (l[i + k] != needle.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The body ended as HTTP frames it: judge the stream. */
    static void finish(Stream s) {
        if (s.lineLength > 0) {
            line(s, System.nanoTime());
        }
        s.phase = Phase.DONE;
        if (s.status != 200) {
            refused++;
            statuses.merge(s.status, 1, Integer::sum);
        } else if (s.terminals == 0) {
            lost++;
        } else if (s.terminals > 1 || s.stamps > events) {
            duplicated++;
        } else if (s.stamps < events) {
            shortStreams++;
        } else if (s.errorEvents == 0) {
            ok++;
        }
        if (s.status == 200 && s.errorEvents > 0) {
            errorEventStreams++;
        }
        end(s);
    }

    static void fail(Stream s, String why) {
        if (s.finished) {
            return;
        }
        failed++;
        if (s.status == 200 && s.terminals == 0) {
            lost++;
        }
        count(failures, why);
        end(s);
    }

    static void end(Stream s) {
        s.finished = true;
        s.line = null;
        active--;
        finishedCount++;
        try {
            s.channel.close();
        } catch (IOException ignored) {
        }
    }

    static void count(Map<String, Integer> map, String key) {
        if (map.size() < 20 || map.containsKey(key)) {
            map.merge(key, 1, Integer::sum);
        }
    }
}
