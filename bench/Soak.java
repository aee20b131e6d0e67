import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mixed traffic at a fixed rate for a long time: the client of bench/soak.sh.
 *
 * <pre>
 *   java bench/Soak.java PORT RATE SECONDS
 * </pre>
 *
 * Sends {@code RATE} requests a second to the gateway on {@code 127.0.0.1:PORT} for {@code SECONDS}, open loop
 * (each request goes out when it is due, whatever the earlier ones are doing), each on its own connection, the
 * kinds in a fixed rotation of 20 (see {@link #MIX}): generate and stream through the provider {@code up},
 * through the route {@code pair} (its first target {@code flaky} fails or cuts a share of requests, the traffic
 * layer retries and moves on to {@code up}) and through the runtime route {@code room} (soak.sh changes it through
 * the admin API every minute), and streams through {@code slow} that the client hangs up on after
 * {@code HANGUP_MS}. One thread and one selector read every connection.
 * <p>
 * Checks every answer: a generate is 200; a stream the client did not hang up on is 200 with exactly one terminal
 * event ({@code done} or {@code error}) and nothing after it, and its text is the mock's answer (after
 * {@code done}) or a prefix of it (after {@code error}): more than one terminal event or more text is
 * duplicated, none (the connection closed first) is lost; a request with no end after {@code -Dtimeout.seconds} (60)
 * is closed and counted as timed out. Prints a progress line every 10 s and a last line {@code SOAK_RESULT key=value ...}.
 */
public class Soak {

    static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"max_tokens\":64}";
    /** The mock's streamed answer (MockUpstream.OPENAI_STREAM's deltas). */
    static final String TEXT = "The capital of the UK is London.";
    static final int HANGUP_MS = Integer.getInteger("hangup.ms", 300);
    /** A request with no end after this long is closed and counted as timed out (not lost: its events may still come). */
    static final long STUCK_NANOS = Long.getLong("timeout.seconds", 60) * 1_000_000_000L;

    record Kind(String name, String path, boolean stream, boolean hangUp) {
    }

    static final Kind GEN_UP = new Kind("generate up", "/v1/generate?provider=up", false, false);
    static final Kind GEN_PAIR = new Kind("generate pair (retries)", "/v1/generate?provider=pair", false, false);
    static final Kind STREAM_UP = new Kind("stream up", "/v1/stream?provider=up", true, false);
    static final Kind STREAM_PAIR = new Kind("stream pair (retries, cuts)", "/v1/stream?provider=pair", true, false);
    static final Kind STREAM_ROOM = new Kind("stream room (runtime route)", "/v1/stream?provider=room", true, false);
    static final Kind GEN_ROOM = new Kind("generate room (runtime route)", "/v1/generate?provider=room", false, false);
    static final Kind HANG_UP = new Kind("stream slow, hung up by the client", "/v1/stream?provider=slow", true, true);
    /** 20 requests: 30 % generate up, 10 % generate pair, 5 % generate room, 25 % stream up, 15 % stream pair, 5 % stream room, 10 % hang-ups. */
    static final Kind[] MIX = { GEN_UP, STREAM_UP, GEN_PAIR, STREAM_PAIR, HANG_UP, GEN_UP, STREAM_UP, STREAM_ROOM, GEN_UP,
            STREAM_PAIR, GEN_UP, STREAM_UP, GEN_ROOM, HANG_UP, GEN_UP, STREAM_UP, GEN_PAIR, STREAM_PAIR, GEN_UP, STREAM_UP };

    enum Phase {
        HEAD, SIZE, DATA, DATA_END, PLAIN, DONE
    }

    static final class Call {
        final Kind kind;
        final SocketChannel channel;
        final long opened;
        ByteBuffer out;
        Phase phase = Phase.HEAD;
        byte[] head = new byte[512];
        int headLength;
        int status;
        long left;
        long size;
        boolean extension;
        byte[] line = new byte[256];
        int lineLength;
        String event;
        int terminals;
        boolean afterTerminal;
        boolean errorEvent;
        final StringBuilder text = new StringBuilder();
        boolean finished;

        Call(Kind kind, SocketChannel channel, long opened) {
            this.kind = kind;
            this.channel = channel;
            this.opened = opened;
        }
    }

    /** Counts per kind. */
    static final class Tally {
        int sent, ok, httpErrors, failed, timedOut, lost, duplicated, errorEvents, hungUp, completedBeforeHangUp;
    }

    static final Map<String, Tally> tallies = new TreeMap<>();
    static final Map<String, Integer> failures = new TreeMap<>();
    static final Map<Integer, Integer> statuses = new TreeMap<>();
    static int inFlight, peakInFlight;

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java bench/Soak.java PORT RATE SECONDS");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        double rate = Double.parseDouble(args[1]);
        long seconds = Long.parseLong(args[2]);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        Map<Kind, byte[]> requests = new java.util.HashMap<>();
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        for (Kind kind : MIX) {
            byte[] head = ("POST " + kind.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            requests.put(kind, request);
            tallies.putIfAbsent(kind.name(), new Tally());
        }

        Selector selector = Selector.open();
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        ArrayDeque<Call> hangUps = new ArrayDeque<>(); // in the order they were opened: their hang-up times are too
        ArrayDeque<Call> all = new ArrayDeque<>(); // the same, for the stuck check
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long nextReport = start + 10_000_000_000L;
        long sent = 0;
        while (true) {
            long now = System.nanoTime();
            if (now < end) {
                long due = (long) ((now - start) / 1e9 * rate) + 1;
                while (sent < due) {
                    Kind kind = MIX[(int) (sent % MIX.length)];
                    Call call = open(selector, address, kind, requests.get(kind), now);
                    sent++;
                    if (call != null) {
                        all.add(call);
                        if (kind.hangUp()) {
                            hangUps.add(call);
                        }
                    }
                }
            } else if (inFlight == 0 || now > end + STUCK_NANOS + 5_000_000_000L) {
                break;
            }
            while (!hangUps.isEmpty() && now - hangUps.peek().opened >= HANGUP_MS * 1_000_000L) {
                Call call = hangUps.poll();
                if (!call.finished) {
                    tallies.get(call.kind.name()).hungUp++;
                    end(call);
                } else {
                    tallies.get(call.kind.name()).completedBeforeHangUp++;
                }
            }
            while (!all.isEmpty() && (all.peek().finished || now - all.peek().opened > STUCK_NANOS)) {
                Call call = all.poll();
                if (!call.finished) {
                    tallies.get(call.kind.name()).timedOut++;
                    end(call);
                }
            }
            if (now > nextReport) {
                nextReport += 10_000_000_000L;
                System.out.printf(Locale.ROOT, "t=%.0fs sent=%d in-flight=%d%n", (now - start) / 1e9, sent, inFlight);
            }
            selector.select(1);
            long arrived = System.nanoTime();
            var keys = selector.selectedKeys();
            for (SelectionKey key : keys) {
                handle(key, in, arrived);
            }
            keys.clear();
        }
        for (Call call : all) {
            if (!call.finished) {
                tallies.get(call.kind.name()).timedOut++;
                end(call);
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        Tally total = new Tally();
        System.out.printf(Locale.ROOT, "%d requests in %.1f s (%.1f req/s offered), peak in flight %d%n", sent, took,
                sent / (double) seconds, peakInFlight);
        System.out.println("| kind | sent | ok | HTTP errors | failed | timed out | lost | duplicated | ended with an error event "
                + "| hung up |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        tallies.forEach((name, t) -> {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", name, t.sent, t.ok,
                    t.httpErrors, t.failed, t.timedOut, t.lost, t.duplicated, t.errorEvents, t.hungUp);
            total.sent += t.sent;
            total.ok += t.ok;
            total.httpErrors += t.httpErrors;
            total.failed += t.failed;
            total.timedOut += t.timedOut;
            total.lost += t.lost;
            total.duplicated += t.duplicated;
            total.errorEvents += t.errorEvents;
            total.hungUp += t.hungUp;
        });
        System.out.println("HTTP statuses other than 200: " + statuses + "; failures: " + failures);
        System.out.printf(Locale.ROOT, "SOAK_RESULT sent=%d ok=%d http_errors=%d failed=%d timed_out=%d lost=%d duplicated=%d "
                + "error_events=%d hung_up=%d peak_in_flight=%d seconds=%.1f%n", total.sent, total.ok, total.httpErrors,
                total.failed, total.timedOut, total.lost, total.duplicated, total.errorEvents, total.hungUp, peakInFlight, took);
        System.exit(0);
    }

    static Call open(Selector selector, InetSocketAddress address, Kind kind, byte[] request, long now) {
        tallies.get(kind.name()).sent++;
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Call call = new Call(kind, channel, now);
            call.out = ByteBuffer.wrap(request);
            inFlight++;
            peakInFlight = Math.max(peakInFlight, inFlight);
            channel.register(selector, channel.connect(address) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, call);
            return call;
        } catch (IOException e) {
            tallies.get(kind.name()).failed++;
            count(failures, "open: " + e.getMessage());
            if (channel != null) {
                inFlight--;
                try {
                    channel.close();
                } catch (IOException ignored) {
                }
            }
            return null;
        }
    }

    static void handle(SelectionKey key, ByteBuffer in, long arrived) {
        Call call = (Call) key.attachment();
        if (call.finished) {
            return;
        }
        try {
            if (key.isConnectable()) {
                call.channel.finishConnect();
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            if (key.isWritable()) {
                call.channel.write(call.out);
                if (!call.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return;
            }
            while (!call.finished) {
                in.clear();
                int n = call.channel.read(in);
                if (n < 0) {
                    if (call.phase == Phase.PLAIN && call.left < 0) {
                        finish(call);
                    } else {
                        fail(call, call.phase == Phase.HEAD ? "closed before the response head" : "closed inside the body");
                    }
                    return;
                }
                if (n == 0) {
                    return;
                }
                in.flip();
                consume(call, in);
            }
        } catch (IOException e) {
            fail(call, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static void consume(Call c, ByteBuffer in) {
        while (in.hasRemaining() && !c.finished) {
            switch (c.phase) {
                case HEAD -> {
                    if (c.headLength == c.head.length) {
                        c.head = Arrays.copyOf(c.head, c.head.length * 2);
                    }
                    c.head[c.headLength++] = in.get();
                    int n = c.headLength;
                    if (n >= 4 && c.head[n - 1] == '\n' && c.head[n - 2] == '\r' && c.head[n - 3] == '\n' && c.head[n - 4] == '\r') {
                        head(c);
                    }
                }
                case SIZE -> {
                    byte b = in.get();
                    if (b == '\n') {
                        if (c.size == 0) {
                            finish(c);
                        } else {
                            c.left = c.size;
                            c.phase = Phase.DATA;
                        }
                    } else if (!c.extension) {
                        int digit = Character.digit(b, 16);
                        if (digit >= 0) {
                            c.size = c.size * 16 + digit;
                        } else if (b != '\r') {
                            c.extension = true;
                        }
                    }
                }
                case DATA -> {
                    int take = (int) Math.min(c.left, in.remaining());
                    body(c, in, take);
                    c.left -= take;
                    if (c.left == 0) {
                        c.phase = Phase.DATA_END;
                        c.size = 2;
                    }
                }
                case DATA_END -> {
                    in.get();
                    if (--c.size == 0) {
                        c.phase = Phase.SIZE;
                        c.extension = false;
                    }
                }
                case PLAIN -> {
                    int take = c.left < 0 ? in.remaining() : (int) Math.min(c.left, in.remaining());
                    in.position(in.position() + take); // a generate's body is not read: its status is the check
                    if (c.left >= 0) {
                        c.left -= take;
                        if (c.left == 0) {
                            finish(c);
                        }
                    }
                }
                case DONE -> in.position(in.limit());
            }
        }
    }

    static void head(Call c) {
        String head = new String(c.head, 0, c.headLength, StandardCharsets.ISO_8859_1);
        c.head = null;
        int sp = head.indexOf(' ');
        c.status = Integer.parseInt(head.substring(sp + 1, sp + 4));
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            c.phase = Phase.SIZE;
            return;
        }
        int at = lower.indexOf("\r\ncontent-length:");
        c.left = at < 0 ? -1 : Long.parseLong(lower.substring(at + 17, lower.indexOf('\r', at + 17)).trim());
        c.phase = Phase.PLAIN;
        if (c.left == 0) {
            finish(c);
        }
    }

    static void body(Call c, ByteBuffer in, int length) {
        for (int i = 0; i < length; i++) {
            byte b = in.get();
            if (b == '\n') {
                line(c);
                c.lineLength = 0;
            } else if (b != '\r') {
                if (c.lineLength == c.line.length) {
                    c.line = Arrays.copyOf(c.line, c.line.length * 2);
                }
                c.line[c.lineLength++] = b;
            }
        }
    }

    /** One SSE line of a stream of the gateway. */
    static void line(Call c) {
        String l = new String(c.line, 0, c.lineLength, StandardCharsets.UTF_8);
        if (l.startsWith("event: ")) {
            c.event = l.substring(7);
            if (c.terminals > 0) {
                c.afterTerminal = true;
            }
            if (c.event.equals("done") || c.event.equals("error")) {
                c.terminals++;
                c.errorEvent |= c.event.equals("error");
            }
        } else if (l.startsWith("data: ") && "text_delta".equals(c.event)) {
            int at = l.indexOf("\"text\":\"");
            if (at >= 0) {
                int endAt = l.indexOf('"', at + 8);
                c.text.append(l, at + 8, endAt < 0 ? l.length() : endAt);
            }
        } else if (l.isEmpty()) {
            c.event = null;
        }
    }

    static void finish(Call c) {
        Tally t = tallies.get(c.kind.name());
        if (c.status != 200) {
            t.httpErrors++;
            statuses.merge(c.status, 1, Integer::sum);
        } else if (!c.kind.stream()) {
            t.ok++;
        } else if (c.terminals == 0) {
            t.lost++;
        } else if (c.terminals > 1 || c.afterTerminal || !(c.errorEvent ? TEXT.startsWith(c.text.toString()) : TEXT.contentEquals(c.text))) {
            t.duplicated++;
        } else if (c.errorEvent) {
            t.errorEvents++;
        } else {
            t.ok++;
        }
        end(c);
    }

    static void fail(Call c, String why) {
        if (c.finished) {
            return;
        }
        Tally t = tallies.get(c.kind.name());
        t.failed++;
        if (c.kind.stream() && c.status == 200 && c.terminals == 0) {
            t.lost++;
        }
        count(failures, why);
        end(c);
    }

    static void end(Call c) {
        c.finished = true;
        c.line = null;
        inFlight--;
        try {
            c.channel.close();
        } catch (IOException ignored) {
        }
    }

    static void count(Map<String, Integer> map, String key) {
        if (map.size() < 20 || map.containsKey(key)) {
            map.merge(key, 1, Integer::sum);
        }
    }
}
