package io.switchboard.gateway.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscription;

/**
 * Work that belongs to one request rather than to one attempt: the attempts of a request (its retries and
 * a route's other targets) that ask for equal keys share one run of the work and get its item or its
 * failure, whether it is still running or long done. The gateway ends the memo with the request; work
 * still running then (the client hung up) is cancelled, since nobody is left to take its result.
 * <p>
 * The attempts of one request are sequential, but the end can come from the client's connection on
 * another thread, hence the lock; both are rare next to the work they guard.
 */
public final class RequestMemo {

    /** What a piece of work is known by: equal keys share one run, whose item is a {@code T}. */
    public interface Key<T> {
    }

    /** One shared run and, while it runs, its subscription to cancel at the end. */
    private static final class Entry {
        Uni<?> shared;
        UniSubscription running;
    }

    /** Created by the first {@link #once}: most requests never share work. */
    private Map<Key<?>, Entry> entries;
    private boolean ended;

    /**
     * The work known by {@code key}, run at most once for the request: {@code work} is called at the
     * first subscription to the first Uni asked for under that key, and every subscriber of every Uni
     * asked for under it gets the same item or failure. A subscriber that cancels leaves the work running.
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> Uni<T> once(Key<T> key, Supplier<Uni<? extends T>> work) {
        if (entries == null) {
            entries = new HashMap<>(4);
        }
        Entry entry = entries.get(key);
        if (entry == null) {
            Entry created = new Entry();
            created.shared = Uni.createFrom().deferred(work)
                    .onSubscription().invoke(subscription -> started(created, subscription))
                    .onTermination().invoke(() -> finished(created))
                    .memoize().indefinitely();
            entries.put(key, created);
            entry = created;
        }
        return (Uni<T>) entry.shared;
    }

    private synchronized void started(Entry entry, UniSubscription subscription) {
        if (ended) {
            subscription.cancel();
        } else {
            entry.running = subscription;
        }
    }

    private synchronized void finished(Entry entry) {
        entry.running = null;
    }

    /** The request is over (answered, failed or cancelled): the work still running is cancelled. */
    public void end() {
        List<UniSubscription> running;
        synchronized (this) {
            ended = true;
            if (entries == null) {
                return;
            }
            running = new ArrayList<>(entries.size());
            for (Entry entry : entries.values()) {
                if (entry.running != null) {
                    running.add(entry.running);
                    entry.running = null;
                }
            }
        }
        // outside the lock: cancelling runs the work's own cancellation handlers
        running.forEach(UniSubscription::cancel);
    }
}
