package io.switchboard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.switchboard.testsupport.AccessLogLines;
import io.vertx.core.Vertx;

/** The access log's batching: every line written once, in order, a bounded number per record, without a flush call. */
class AccessLogBatchTest {

    private static final String CATEGORY = "switchboard.access.batch-test";

    static Vertx vertx;
    private final Records records = new Records();
    private AccessLogBatch batch;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void attach() {
        java.util.logging.Logger.getLogger(CATEGORY).addHandler(records);
        batch = new AccessLogBatch(Logger.getLogger(CATEGORY), vertx);
    }

    @AfterEach
    void detach() {
        java.util.logging.Logger.getLogger(CATEGORY).removeHandler(records);
    }

    @Test
    void linesQueuedTogetherAreOneRecordWrittenByTheTimer() {
        batch.add("{\"request_id\":\"a\"}");
        batch.add("{\"request_id\":\"b\"}");

        List<String> lines = records.awaitLines("b", 1);

        assertThat(lines).hasSize(1);
        assertThat(records.messages()).containsExactly("{\"request_id\":\"a\"}\n{\"request_id\":\"b\"}");
    }

    @Test
    void aLargeBacklogIsSplitIntoRecordsOfAThousandLinesInOrder() {
        IntStream.range(0, 2_500).forEach(i -> batch.add("{\"request_id\":\"r" + i + "\"}"));

        batch.flush();

        assertThat(records.messages()).extracting(m -> m.lines().count()).containsExactly(1_000L, 1_000L, 500L);
        assertThat(String.join("\n", records.messages()).lines().toList())
                .isEqualTo(IntStream.range(0, 2_500).mapToObj(i -> "{\"request_id\":\"r" + i + "\"}").toList());
    }

    @Test
    void aLineAfterAFlushGetsATimerOfItsOwn() {
        batch.add("{\"request_id\":\"first\"}");
        batch.flush();
        batch.add("{\"request_id\":\"second\"}");

        assertThat(records.awaitLines("second", 1)).hasSize(1);
        assertThat(records.messages()).containsExactly("{\"request_id\":\"first\"}", "{\"request_id\":\"second\"}");
    }

    /** The records as written, and their lines through {@link AccessLogLines}. */
    private static final class Records extends AccessLogLines {
        private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

        Records() {
            super(CATEGORY);
        }

        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage());
            super.publish(record);
        }

        List<String> messages() {
            synchronized (messages) {
                return List.copyOf(messages);
            }
        }
    }
}
