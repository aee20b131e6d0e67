package io.switchboard.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Collects the lines written to the access-log category while a test runs: {@link #attach()} before,
 * {@link #detach()} after; a request's line is found by its {@code X-Request-Id}.
 */
public class AccessLogLines extends Handler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String category;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    public AccessLogLines(String category) {
        this.category = category;
    }

    public AccessLogLines attach() {
        Logger.getLogger(category).addHandler(this);
        return this;
    }

    public void detach() {
        Logger.getLogger(category).removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        // a record carries one or more lines (the access log writes them in batches)
        lines.addAll(record.getMessage().lines().toList());
    }

    /** Every line collected so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines naming this request id, waiting up to 10 s for {@code count} of them. */
    public List<String> awaitLines(String requestId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> found;
        do {
            synchronized (lines) {
                found = lines.stream().filter(line -> line.contains("\"" + requestId + "\"")).toList();
            }
        } while (found.size() < count && System.nanoTime() < deadline && pause());
        return found;
    }

    /** The one line of this request id, parsed (it must be valid JSON). */
    public JsonNode awaitLine(String requestId) {
        List<String> found = awaitLines(requestId, 1);
        if (found.size() != 1) {
            throw new AssertionError("expected one access-log line for " + requestId + ", found " + found);
        }
        try {
            return JSON.readTree(found.get(0));
        } catch (JsonProcessingException e) {
            throw new AssertionError("access-log line is not JSON: " + found.get(0), e);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
