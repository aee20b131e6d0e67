package io.switchboard.metrics;

import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.AsyncHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * The access log's own handler: each record's lines go to stdout as they are, one JSON object per line, in
 * every log configuration ({@code switchboard.access-log.console=false} sends them to no console). It is not a
 * named Quarkus handler ({@code quarkus.log.handler.console."access"}) because Quarkus gives every console
 * handler, named ones included, the JSON formatter once {@code quarkus.log.console.json.enabled=true} (the
 * Kubernetes configuration): each line then became an escaped string inside a log record's {@code message}. A
 * background thread writes: a synchronous write to stdout would hold the event loop.
 */
final class AccessLogConsole implements AutoCloseable {

    /** Records (batches of lines) waiting for the writer; a full queue makes the caller wait. */
    static final int QUEUE_LENGTH = 4096;

    private final Logger category;
    /** Null when the lines go to no console. */
    private final AsyncHandler handler;

    private AccessLogConsole(Logger category, AsyncHandler handler) {
        this.category = category;
        this.handler = handler;
    }

    /**
     * Takes the category off the root's handlers and, with {@code toStdout}, writes its records to stdout from now
     * on; without, only handlers added to the category get them.
     */
    static AccessLogConsole attach(String categoryName, boolean toStdout) {
        Logger category = Logger.getLogger(categoryName);
        category.setUseParentHandlers(false);
        if (!toStdout) {
            return new AccessLogConsole(category, null);
        }
        ConsoleHandler stdout = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_OUT, new PatternFormatter("%s%n"));
        stdout.setAutoFlush(true);
        AsyncHandler handler = new AsyncHandler(QUEUE_LENGTH);
        handler.setOverflowAction(AsyncHandler.OverflowAction.BLOCK);
        handler.addHandler(stdout);
        category.addHandler(handler);
        return new AccessLogConsole(category, handler);
    }

    /** Stops writing: the application is stopping (a restarted one in the same JVM attaches its own). */
    @Override
    public void close() {
        if (handler != null) {
            category.removeHandler(handler);
            handler.close();
        }
    }
}
