import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client of bench/traffic.sh: sends REQUESTS streamed requests to /v1/stream, CONCURRENCY at a time, and
 * checks every stream from the client's side: it got an answer (else "lost"), it has exactly one terminal
 * event and nothing after it, and its text is the expected answer (a completed stream) or a prefix of it
 * (a stream that ended with an error event): more text than that means events were duplicated.
 * <p>
 * {@code java bench/TrafficLoad.java GW_PORT QUERY REQUESTS CONCURRENCY} (JDK only). The expected text is
 * taken from the first request that completes before the run.
 */
public class TrafficLoad {

    static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}]}";

    record Check(int status, int terminals, boolean eventAfterTerminal, boolean done, String text, int attempts) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String query = args[1];
        int requests = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/stream?" + query);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();

        String expected = null;
        for (int i = 0; i < 20 && expected == null; i++) {
            Check check = check(client.send(request, HttpResponse.BodyHandlers.ofString()));
            if (check.done()) {
                expected = check.text();
            }
        }
        if (expected == null || expected.isEmpty()) {
            throw new IllegalStateException("no complete stream in 20 tries: cannot learn the expected text");
        }

        AtomicInteger done = new AtomicInteger();
        AtomicInteger errorEvents = new AtomicInteger();
        AtomicInteger httpErrors = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger duplicated = new AtomicInteger();
        AtomicInteger badTerminal = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        AtomicInteger attemptsTotal = new AtomicInteger();
        List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch finished = new CountDownLatch(requests);
        String want = expected;
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                try {
                    if (failure != null) {
                        lost.incrementAndGet();
                        if (samples.size() < 5) {
                            samples.add("lost: " + failure);
                        }
                        return;
                    }
                    Check check = check(response);
                    if (check.status() != 200) {
                        httpErrors.incrementAndGet();
                        if (samples.size() < 5) {
                            samples.add("HTTP " + check.status() + ": " + response.body());
                        }
                        return;
                    }
                    if (check.terminals() != 1 || check.eventAfterTerminal()) {
                        badTerminal.incrementAndGet();
                    }
                    if (check.terminals() == 0) {
                        lost.incrementAndGet();
                    }
                    if (check.done()) {
                        done.incrementAndGet();
                        attemptsTotal.addAndGet(check.attempts());
                        if (check.attempts() > 1) {
                            retried.incrementAndGet();
                        }
                        if (!check.text().equals(want)) {
                            duplicated.incrementAndGet();
                        }
                    } else {
                        errorEvents.incrementAndGet();
                        if (!want.startsWith(check.text())) {
                            duplicated.incrementAndGet();
                        }
                    }
                } finally {
                    slots.release();
                    finished.countDown();
                }
            });
        }
        finished.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("requests %d in %.1f s (%.0f streams/s), concurrency %d%n", requests, seconds,
                requests / seconds, concurrency);
        System.out.printf("completed (done) %d, of which served after a retry or failover %d (mean attempts %.3f)%n",
                done.get(), retried.get(), done.get() == 0 ? 0 : attemptsTotal.get() / (double) done.get());
        System.out.printf("ended with an error event (cut after the first event) %d; HTTP errors %d%n",
                errorEvents.get(), httpErrors.get());
        System.out.printf("lost %d, duplicated %d, without exactly one terminal event %d%n", lost.get(),
                duplicated.get(), badTerminal.get());
        samples.forEach(s -> System.out.println("  sample: " + s));
        System.out.printf("TRAFFIC_RESULT requests=%d seconds=%.1f done=%d retried=%d error_events=%d http_errors=%d "
                + "lost=%d duplicated=%d bad_terminal=%d%n", requests, seconds, done.get(), retried.get(),
                errorEvents.get(), httpErrors.get(), lost.get(), duplicated.get(), badTerminal.get());
        System.exit(0);
    }

    /** Reads an SSE body as a client would: frames end at a blank line; the data of each is one JSON object. */
    static Check check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Check(response.statusCode(), 0, false, false, "", 0);
        }
        int terminals = 0;
        boolean after = false;
        boolean done = false;
        int attempts = 0;
        StringBuilder text = new StringBuilder();
        for (String frame : response.body().replace("\r\n", "\n").split("\n\n")) {
            String event = null;
            String data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (event == null) {
                continue;
            }
            if (terminals > 0) {
                after = true;
            }
            switch (event) {
                case "text_delta" -> text.append(field(data, "\"text\":\""));
                case "done" -> {
                    terminals++;
                    done = true;
                    String n = number(data, "\"attempts\":");
                    attempts = n.isEmpty() ? 0 : Integer.parseInt(n);
                }
                case "error" -> terminals++;
                default -> {
                }
            }
        }
        return new Check(200, terminals, after, done, text.toString(), attempts);
    }

    static String field(String json, String key) {
        int at = json.indexOf(key);
        if (at < 0) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = at + key.length(); i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                out.append(json.charAt(++i));
            } else if (c == '"') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String number(String json, String key) {
        int at = json.indexOf(key);
        if (at < 0) {
            return "";
        }
        int i = at + key.length();
        int j = i;
        while (j < json.length() && Character.isDigit(json.charAt(j))) {
            j++;
        }
        return json.substring(i, j);
    }
}
