import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * A fast fake LLM upstream for the Switchboard benchmark, on Vert.x, bound to 127.0.0.1 only.
 *
 * <pre>
 *   java -cp "$(cat target/cp.txt)" bench/MockUpstream.java PORT [EVENT_LOOPS]
 * </pre>
 *
 * Answers, with bodies taken from real recorded upstream exchanges:
 * <ul>
 * <li>{@code POST …/chat/completions} (OpenAI Chat Completions; any prefix, e.g. {@code /v1});</li>
 * <li>{@code POST …/messages} (Anthropic Messages).</li>
 * </ul>
 * A body with {@code "stream": true} gets an SSE stream, else one JSON answer. The stream's first
 * write holds everything up to and including the first text delta (OpenAI: role chunk + first
 * content chunk; Anthropic: message_start + content_block_start + first content_block_delta), so
 * "first body byte" means "first token" both directly and through a gateway. The remaining events
 * follow, each as its own chunk, {@code chunk-delay} ms apart (0: all at once, no timer).
 * <p>
 * Per-request knobs (header or query parameter; the header wins):
 * <ul>
 * <li>{@code x-mock-chunk-delay-ms} / {@code chunk_delay_ms}: delay between stream chunks after the first;</li>
 * <li>{@code x-mock-first-byte-delay-ms} / {@code first_byte_delay_ms}: delay before the answer
 * (simulated time to first token, stream or not);</li>
 * <li>{@code x-mock-fail-percent} / {@code fail_percent}: that share of requests gets a 503 before any
 * byte of the answer (faults for bench/traffic.sh);</li>
 * <li>{@code x-mock-cut-percent} / {@code cut_percent}: that share of streams is cut (connection
 * closed) after the first chunk;</li>
 * <li>{@code x-mock-paced-events} / {@code paced_events}: instead of the recorded deltas, this many text
 * deltas, {@code chunk-delay} ms apart (20 when unset), each text being {@code @<System.nanoTime() at the
 * write>;} so that a client on the same machine can tell how long each delta took to reach it (the
 * monotonic clock is shared by the processes of one machine).</li>
 * </ul>
 * Through the gateway, set them with {@code -Dswitchboard.providers.NAME.headers.x-mock-chunk-delay-ms=5}. A
 * path that starts with {@code /knobs/PARAM=VALUE,PARAM=VALUE/} sets the query parameters' knobs too (header and
 * query win), for a client that can only name a base URL: {@code http://127.0.0.1:PORT/knobs/paced_events=60,
 * chunk_delay_ms=1000/v1} as a gateway's or Portkey's upstream gives every stream 60 stamped deltas a second apart.
 * {@code GET /health} answers 200 "ok"; {@code POST …/v1/traces} (OTLP over HTTP) answers 200 and drops
 * the spans, so a gateway with tracing on can export to the mock.
 */
public class MockUpstream {

    static final String CHUNK_DELAY_HEADER = "x-mock-chunk-delay-ms";
    static final String FIRST_BYTE_DELAY_HEADER = "x-mock-first-byte-delay-ms";
    static final String FAIL_PERCENT_HEADER = "x-mock-fail-percent";
    static final String CUT_PERCENT_HEADER = "x-mock-cut-percent";
    static final String PACED_EVENTS_HEADER = "x-mock-paced-events";
    static final Buffer UNAVAILABLE = buf("{\"error\":{\"message\":\"mock: scripted overload\",\"type\":\"server_error\"}}");

    // ---- OpenAI Chat Completions (from openai-chat-text.json / openai-chat-text-stream-include-usage.json)

    static final Buffer OPENAI_JSON = buf("{\"id\":\"chatcmpl-CRkJFgcA6BuMrBur38ZHUXgT6zRjg\",\"object\":\"chat.completion\","
            + "\"created\":1760728905,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"4200 + 42 = 4242.\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":16,\"completion_tokens\":12,\"total_tokens\":28,\"prompt_tokens_details\":"
            + "{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
            + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\","
            + "\"system_fingerprint\":\"fp_f64f290af2\"}");

    static final String OAI_PREFIX = "data: {\"id\":\"chatcmpl-Dx0Xq5Xx9rHB2ehcHZCRDsnuymUXc\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1782955818,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_d0469e1700\",";

    static String oaiDelta(String text) {
        return OAI_PREFIX + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"auU6fTns\"}\n\n";
    }

    static final List<Buffer> OPENAI_STREAM = List.of(
            buf(OAI_PREFIX + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                    + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"HM7mrUsjk\"}\n\n"
                    + oaiDelta("The")),
            buf(oaiDelta(" capital of")),
            buf(oaiDelta(" the UK")),
            buf(oaiDelta(" is London.")),
            buf(OAI_PREFIX + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                    + "\"usage\":null,\"obfuscation\":\"RTaww\"}\n\n"
                    + OAI_PREFIX + "\"choices\":[],\"usage\":{\"prompt_tokens\":78,\"completion_tokens\":9,\"total_tokens\":87,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
                    + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
                    + "\"obfuscation\":\"dhWUdLZO659\"}\n\n"
                    + "data: [DONE]\n\n"));

    // ---- Anthropic Messages (from anthropic-text.json / anthropic-text-stream.json)

    static final Buffer ANTHROPIC_JSON = buf("{\"model\":\"claude-sonnet-4-20250514\",\"id\":\"msg_01EXuhhFC9buDpjCcznFPSDs\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"4200 + 42 = 4242\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":17,\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},"
            + "\"output_tokens\":15,\"service_tier\":\"standard\"}}");

    static String antDelta(String text) {
        return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":\"" + text + "\"}}\n\n";
    }

    static final List<Buffer> ANTHROPIC_STREAM = List.of(
            buf("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-20250514\","
                    + "\"id\":\"msg_018bk6q16LtrDpGDm6TyXTgn\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                    + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":17,\"cache_creation_input_tokens\":0,"
                    + "\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},"
                    + "\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n\n"
                    + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                    + "{\"type\":\"text\",\"text\":\"\"}}\n\n"
                    + antDelta("4200 + 42 =")),
            buf("event: ping\ndata: {\"type\": \"ping\"}\n\n"),
            buf(antDelta(" 42")),
            buf(antDelta("42")),
            buf("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                    + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":17,\"cache_creation_input_tokens\":0,"
                    + "\"cache_read_input_tokens\":0,\"output_tokens\":15}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));

    static final Buffer OPENAI_LAST = OPENAI_STREAM.get(OPENAI_STREAM.size() - 1);
    static final Buffer ANTHROPIC_LAST = ANTHROPIC_STREAM.get(ANTHROPIC_STREAM.size() - 1);

    static final Buffer NOT_FOUND = buf("{\"error\":{\"type\":\"not_found_error\",\"message\":\"mock: unknown path\"}}");
    static final Buffer OK = buf("ok");
    static Vertx VERTX;

    static Buffer buf(String s) {
        return Buffer.buffer(s.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: java -cp CLASSPATH bench/MockUpstream.java PORT [EVENT_LOOPS]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(1, Runtime.getRuntime().availableProcessors());
        Vertx vertx = VERTX = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(io.vertx.core.Promise<Void> started) {
                HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setTcpNoDelay(true).setIdleTimeout(0).setCompressionSupported(false);
                vertx.createHttpServer(options).requestHandler(MockUpstream::handle).listen()
                        .<Void>mapEmpty().onComplete(started);
            }
        }, new DeploymentOptions().setInstances(loops)).onComplete(done -> {
            if (done.failed()) {
                done.cause().printStackTrace();
                System.exit(1);
            }
            System.out.println("MockUpstream listening on 127.0.0.1:" + port + " (" + loops + " event loops)");
        });
    }

    static void handle(HttpServerRequest req) {
        String path = req.path();
        boolean openai = path.endsWith("/chat/completions");
        boolean anthropic = !openai && path.endsWith("/messages");
        if (!openai && !anthropic) {
            // OTLP/HTTP spans: /v1/traces under the configured endpoint (or the endpoint itself)
            if (path.endsWith("/v1/traces") || (path.equals("/") && req.method() == io.vertx.core.http.HttpMethod.POST)) {
                req.end().onComplete(v -> req.response().putHeader("content-type", "application/x-protobuf").end());
            } else if (path.equals("/health")) {
                req.response().end(OK);
            } else {
                req.response().setStatusCode(404).putHeader("content-type", "application/json").end(NOT_FOUND);
            }
            return;
        }
        long chunkDelay = knob(req, CHUNK_DELAY_HEADER, "chunk_delay_ms");
        long firstDelay = knob(req, FIRST_BYTE_DELAY_HEADER, "first_byte_delay_ms");
        long failPercent = knob(req, FAIL_PERCENT_HEADER, "fail_percent");
        long cutPercent = knob(req, CUT_PERCENT_HEADER, "cut_percent");
        long paced = knob(req, PACED_EVENTS_HEADER, "paced_events");
        req.body().onSuccess(body -> {
            boolean stream = wantsStream(body);
            double draw = ThreadLocalRandom.current().nextDouble(100);
            if (draw < failPercent) {
                req.response().setStatusCode(503).putHeader("content-type", "application/json").end(UNAVAILABLE);
                return;
            }
            boolean cut = stream && draw < failPercent + cutPercent;
            Runnable answer = cut
                    ? () -> cut(req, openai ? OPENAI_STREAM : ANTHROPIC_STREAM)
                    : stream && paced > 0
                    ? () -> paced(req, openai, (int) paced, chunkDelay > 0 ? chunkDelay : 20)
                    : stream
                    ? () -> stream(req, openai ? OPENAI_STREAM : ANTHROPIC_STREAM, chunkDelay)
                    : () -> req.response().putHeader("content-type", "application/json")
                            .end(openai ? OPENAI_JSON : ANTHROPIC_JSON);
            if (firstDelay > 0) {
                VERTX.setTimer(firstDelay, id -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    static long knob(HttpServerRequest req, String header, String param) {
        String v = req.getHeader(header);
        if (v == null) {
            v = req.getParam(param);
        }
        if (v == null) {
            v = pathKnob(req.path(), param);
        }
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The value of {@code param} in a path that starts with {@code /knobs/PARAM=VALUE,PARAM=VALUE/}, else null. */
    static String pathKnob(String path, String param) {
        if (!path.startsWith("/knobs/")) {
            return null;
        }
        int end = path.indexOf('/', 7);
        for (String pair : path.substring(7, end < 0 ? path.length() : end).split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(param)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    /** The first chunk, then the connection closes without ending the response (a backend dying mid-stream). */
    static void cut(HttpServerRequest req, List<Buffer> chunks) {
        HttpServerResponse res = req.response();
        res.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8");
        res.write(chunks.get(0));
        VERTX.setTimer(5, id -> req.connection().close());
    }

    static void stream(HttpServerRequest req, List<Buffer> chunks, long delayMs) {
        HttpServerResponse res = req.response();
        res.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache");
        if (delayMs <= 0) {
            for (int i = 0; i < chunks.size() - 1; i++) {
                res.write(chunks.get(i));
            }
            res.end(chunks.get(chunks.size() - 1));
            return;
        }
        res.write(chunks.get(0));
        Vertx vertx = VERTX;
        int[] next = { 1 };
        vertx.setPeriodic(delayMs, id -> {
            if (res.closed() || res.ended()) {
                vertx.cancelTimer(id);
                return;
            }
            int i = next[0]++;
            if (i == chunks.size() - 1) {
                vertx.cancelTimer(id);
                res.end(chunks.get(i));
            } else {
                res.write(chunks.get(i));
            }
        });
    }

    /** The first recorded chunk, {@code events} stamped deltas {@code delayMs} apart, the recorded end. */
    static void paced(HttpServerRequest req, boolean openai, int events, long delayMs) {
        HttpServerResponse res = req.response();
        res.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache");
        res.write(openai ? OPENAI_STREAM.get(0) : ANTHROPIC_STREAM.get(0));
        Vertx vertx = VERTX;
        int[] sent = { 0 };
        vertx.setPeriodic(delayMs, id -> {
            if (res.closed() || res.ended()) {
                vertx.cancelTimer(id);
                return;
            }
            String text = "@" + System.nanoTime() + ";";
            res.write(buf(openai ? oaiDelta(text) : antDelta(text)));
            if (++sent[0] == events) {
                vertx.cancelTimer(id);
                res.end(openai ? OPENAI_LAST : ANTHROPIC_LAST);
            }
        });
    }

    /** {@code "stream"} followed by optional blanks, ':', optional blanks and {@code true}: no JSON parsing. */
    static boolean wantsStream(Buffer body) {
        byte[] b = body.getBytes();
        outer: for (int i = 0; i + 8 <= b.length; i++) {
            if (b[i] != '"' || b[i + 1] != 's' || b[i + 2] != 't' || b[i + 3] != 'r' || b[i + 4] != 'e' || b[i + 5] != 'a'
                    || b[i + 6] != 'm' || b[i + 7] != '"') {
                continue;
            }
            int j = i + 8;
            while (j < b.length && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r')) j++;
            if (j >= b.length || b[j] != ':') continue outer;
            j++;
            while (j < b.length && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r')) j++;
            return j + 4 <= b.length && b[j] == 't' && b[j + 1] == 'r' && b[j + 2] == 'u' && b[j + 3] == 'e';
        }
        return false;
    }
}
