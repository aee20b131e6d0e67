package io.switchboard.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the application logs at ERROR, or with a stack trace, while a test runs: {@link #attach()}
 * before, {@link #detach()} after.
 */
public class LoggedErrors extends Handler {

    private final List<String> records = new CopyOnWriteArrayList<>();

    public LoggedErrors attach() {
        Logger.getLogger("").addHandler(this);
        return this;
    }

    public void detach() {
        Logger.getLogger("").removeHandler(this);
    }

    /** Each record as its logger, message and the class of its exception, if any. */
    public List<String> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue() || record.getThrown() != null) {
            records.add(record.getLoggerName() + ": " + record.getMessage()
                    + (record.getThrown() == null ? "" : " (" + record.getThrown().getClass().getName() + ")"));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
