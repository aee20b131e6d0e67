package io.switchboard.store;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Keeps a replica's snapshot of a shared store current, for the routes' and the keys' registries alike: every
 * {@code switchboard.store.refresh-interval} it reads the store's version number and reloads when the number moved
 * (another replica wrote), went back (a Redis restarted without its data: what it holds is taken) or when the
 * store has just answered again after failing. One check runs at a time. Whether the store answered the last time
 * it was asked is kept here, and each change of it is logged once: a refresh failing every second for an hour
 * writes one line, not 3,600.
 */
public final class StoreWatch {

    /** Reads the whole store and serves what it holds. */
    @FunctionalInterface
    public interface Reload {

        /** @param reset the store's version is lower than the one served: install what it holds anyway */
        Uni<Void> load(boolean reset);
    }

    private final Logger log;
    private final String store;
    private final String servedSoFar;
    private final String counted;
    private final IntSupplier count;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final AtomicBoolean available = new AtomicBoolean(true);
    private long timer = -1;

    /**
     * @param store the store as the log names it: {@code route store (redis)}
     * @param servedSoFar what is served while it cannot be reached: {@code the routes known so far}
     * @param counted what {@code count} counts, for the log line once the store is back: {@code runtime routes}
     */
    public StoreWatch(Logger log, String store, String servedSoFar, String counted, IntSupplier count) {
        this.log = log;
        this.store = store;
        this.servedSoFar = servedSoFar;
        this.counted = counted;
        this.count = count;
    }

    /**
     * Checks now, then every {@code millis} on Vert.x's timer.
     *
     * @param version the store's version now
     * @param served the version of the snapshot served
     */
    public void start(Vertx vertx, long millis, Supplier<Uni<Long>> version, LongSupplier served, Reload reload) {
        Runnable check = () -> check(version, served, reload);
        check.run();
        timer = vertx.setPeriodic(millis, id -> check.run());
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void check(Supplier<Uni<Long>> version, LongSupplier served, Reload reload) {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        version.get()
                .chain(now -> {
                    long serving = served.getAsLong();
                    return now == serving && available.get() ? Uni.createFrom().voidItem() : reload.load(now < serving);
                })
                .onTermination().invoke(() -> checking.set(false))
                .subscribe().with(ignored -> {
                }, this::unavailable);
    }

    /** Whether the store answered the last time it was asked (why it did not is in the log). */
    public boolean available() {
        return available.get();
    }

    /**
     * The store failed: logged with its detail when it was available until now. The detail (host, port, the
     * client's error) stays in the log; readiness, which answers without a key, only says that the store is
     * unavailable.
     */
    public void unavailable(Throwable error) {
        if (available.compareAndSet(true, false)) {
            // a connection error may quote the Redis URI, and with it a password: user info is cut out
            String message = (error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage())).replaceAll("//[^/@\\s]*@", "//");
            log.warnf("%s unavailable, serving %s: %s", store, servedSoFar, message);
        }
    }

    /** The store answered. */
    public void reachable() {
        if (available.compareAndSet(false, true)) {
            log.infof("%s reachable again: %d %s", store, count.getAsInt(), counted);
        }
    }
}
