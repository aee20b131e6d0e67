package io.switchboard.responses;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig;

/**
 * The default store ({@code switchboard.store.type=memory}): this process only, gone when it stops, and
 * bounded: at most {@code switchboard.responses.max-entries} responses and {@code memory-size} characters of
 * them, the oldest dropped first, so that no caller can fill the heap. Entries are
 * kept in the order they were written, which is also the order they expire in (one time to live for all), so
 * each write drops the expired ones from the front; a read treats an expired entry as gone. Every operation
 * holds the lock for a few map operations only.
 */
@Singleton
@Identifier("memory")
public final class MemoryResponseStore implements ResponseStore {

    private record Entry(String stored, long expiresAt) {
    }

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;
    private final long maxChars;
    /** The characters of every entry kept. */
    private long chars;

    @Inject
    public MemoryResponseStore(SwitchboardConfig config) {
        this(Clock.systemUTC(), config.responses().ttl(), config.responses().maxEntries(),
                config.responses().memorySize().asLongValue());
    }

    MemoryResponseStore(Clock clock, Duration ttl, int maxEntries, long maxChars) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
        this.maxChars = maxChars;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public Uni<Void> put(String key, String stored) {
        return Uni.createFrom().item(() -> {
            write(key, stored);
            return null;
        });
    }

    @Override
    public Uni<String> get(String key) {
        return Uni.createFrom().item(() -> read(key));
    }

    @Override
    public Uni<Boolean> delete(String key) {
        return Uni.createFrom().item(() -> remove(key));
    }

    private synchronized void write(String key, String stored) {
        long now = clock.millis();
        // removed first, so that a rewritten key moves to the end of the order
        forget(entries.remove(key));
        entries.put(key, new Entry(stored, now + ttlMillis));
        chars += stored.length();
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Entry entry = oldest.next();
            if (entry.expiresAt() > now && entries.size() <= maxEntries && chars <= maxChars) {
                break;
            }
            oldest.remove();
            forget(entry);
        }
    }

    private void forget(Entry entry) {
        if (entry != null) {
            chars -= entry.stored().length();
        }
    }

    private synchronized String read(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt() <= clock.millis()) {
            forget(entries.remove(key));
            return null;
        }
        return entry.stored();
    }

    private synchronized boolean remove(String key) {
        Entry entry = entries.remove(key);
        forget(entry);
        return entry != null && entry.expiresAt() > clock.millis();
    }
}
