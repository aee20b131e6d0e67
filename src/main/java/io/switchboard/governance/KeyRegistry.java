package io.switchboard.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.cost.Pricing;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.store.StoreChoice;
import io.switchboard.store.StoreWatch;
import io.vertx.core.Vertx;

/**
 * The virtual keys this replica serves, found by the SHA-256 of the key a request presents in a map of this process:
 * no store call on the request path. The map is rebuilt after every key write made here and, with a shared store,
 * whenever the store's version changes (checked every {@code switchboard.store.refresh-interval}), so a key deleted
 * on one replica is refused by every other within that interval. Every {@code switchboard.keys.sync-interval} each
 * key's counts go to the store and the other replicas' come back ({@link KeyState}); budget leases are the only
 * store call a request may wait for. When the store cannot be reached, the keys known so far are served with the
 * limits known so far, and the counts are reported once it is back.
 */
@Singleton
public class KeyRegistry {

    private static final Logger LOG = Logger.getLogger(KeyRegistry.class);
    /** Every key's secret starts so: a presented key of another form is not looked up. */
    public static final String PREFIX = "sk-sb-";
    static final Uni<Void> ADMITTED = Uni.createFrom().voidItem();

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    /** The keys at one store version: by the hash of their secret, and by id. */
    private record Snapshot(long version, Map<String, KeyState> byHash, Map<String, VirtualKey> byId) {
    }

    private final KeyStore store;
    private final Pricing pricing;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final long refreshMillis;
    private final long syncMillis;
    private final int defaultMaxTokens;
    private final int maxKeys;
    /** Tells this replica's requests in flight from the others' in the store. */
    private final String replica = UUID.randomUUID().toString();
    private final Map<String, KeyState> states = new ConcurrentHashMap<>();
    private final AtomicBoolean syncing = new AtomicBoolean();
    private final StoreWatch watch;
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of(), Map.of());
    private volatile boolean loaded;
    private long syncTimer = -1;

    public KeyRegistry(SwitchboardConfig config, @Any Instance<KeyStore> stores, Pricing pricing, ObjectMapper json,
            Vertx vertx) {
        this.store = StoreChoice.of(stores, config.store().type());
        this.pricing = pricing;
        this.json = json;
        this.vertx = vertx;
        this.refreshMillis = config.store().refreshInterval().toMillis();
        this.syncMillis = config.keys().syncInterval().toMillis();
        this.defaultMaxTokens = config.keys().defaultMaxTokens();
        this.maxKeys = config.keys().maxKeys();
        this.loaded = !store.shared();
        this.watch = new StoreWatch(LOG, "key store (" + store.kind() + ")", "the keys and limits known so far",
                "virtual keys", this::keyCount);
    }

    void start(@Observes StartupEvent event) {
        if (store.shared()) {
            watch.start(vertx, refreshMillis, store::version, () -> snapshot.version(), this::load);
        }
        syncTimer = vertx.setPeriodic(syncMillis, id -> sync());
    }

    void stop(@Observes ShutdownEvent event) {
        watch.stop(vertx);
        if (syncTimer >= 0) {
            vertx.cancelTimer(syncTimer);
        }
    }

    /**
     * The use of the virtual key {@code presented} by one request; null when it is no virtual key this replica
     * knows. An expired key is a 401.
     */
    public KeyUse use(String presented) {
        Map<String, KeyState> byHash = snapshot.byHash();
        if (byHash.isEmpty() || presented == null || !presented.startsWith(PREFIX)) {
            return null;
        }
        KeyState state = byHash.get(hash(presented));
        if (state == null) {
            return null;
        }
        KeyGrant grant = state.grant();
        if (System.currentTimeMillis() >= grant.expiresMillis()) {
            throw GatewayException.unauthorized("key \"" + grant.name() + "\" expired at "
                    + java.time.Instant.ofEpochMilli(grant.expiresMillis()) + "; ask for a new one");
        }
        return new KeyUse(this, state);
    }

    /** Whether any virtual key exists, so that a presented key is worth hashing. */
    public boolean any() {
        return !snapshot.byHash().isEmpty();
    }

    /** The SHA-256 of a key, in hex: what the store keeps instead of the key. */
    static String hash(String key) {
        MessageDigest digest = SHA256.get();
        return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    KeyStore store() {
        return store;
    }

    Pricing pricing() {
        return pricing;
    }

    int defaultMaxTokens() {
        return defaultMaxTokens;
    }

    int maxKeys() {
        return maxKeys;
    }

    /** Every key as this replica serves it, by id. */
    Map<String, VirtualKey> keys() {
        return snapshot.byId();
    }

    public int keyCount() {
        return snapshot.byId().size();
    }

    /** Whether the keys were read from the store at least once (always true for the memory store). */
    public boolean loaded() {
        return loaded;
    }

    /** Whether the store answered the last time it was asked. */
    public boolean available() {
        return watch.available();
    }

    public String kind() {
        return store.kind();
    }

    /** How often a request whose reservation others' took from a fresh lease asks for one more. */
    private static final int LEASE_ATTEMPTS = 4;

    /**
     * A reservation of {@code micros} once this replica's slice can cover it: one lease from the store at a time per
     * key, which every request waiting for it shares (so that concurrent requests of a key make one round trip, not
     * one each); 429 {@code budget_exceeded} when what is left of the budget cannot cover it. When the store cannot
     * be reached, the reservation is taken from what this replica knew to be left.
     */
    Uni<Void> lease(KeyState state, KeyGrant grant, long now, long micros) {
        return lease(state, grant, now, micros, LEASE_ATTEMPTS);
    }

    private Uni<Void> lease(KeyState state, KeyGrant grant, long now, long micros, int attempts) {
        return state.leasing(() -> store.lease(grant.id(), state.periodStart(now), grant.budgetMicros(), micros)
                .invoke(granted -> {
                    watch.reachable();
                    state.leased(now, granted, 0);
                }))
                .onItemOrFailure().transformToUni((granted, failure) -> {
                    if (failure != null) {
                        watch.unavailable(failure);
                        return state.reserveOffline(now, micros) ? ADMITTED
                                : Uni.createFrom().failure(exceeded(grant, micros));
                    }
                    if (state.reserve(now, micros)) {
                        return ADMITTED;
                    }
                    return granted == 0 || attempts <= 1 ? Uni.createFrom().failure(exceeded(grant, micros))
                            : lease(state, grant, now, micros, attempts - 1);
                });
    }

    private static GatewayException exceeded(KeyGrant grant, long micros) {
        return GatewayException.of(ErrorType.BUDGET_EXCEEDED, "key \"" + grant.name() + "\": its budget of "
                + Money.usd(grant.budgetMicros()) + " USD (" + grant.period().wireName() + ") cannot cover this "
                + "request's worst case of " + Money.usd(micros) + " USD (its input and max_tokens at the model's "
                + "prices)");
    }

    /** Re-reads every key from the store and serves them from now on, unless a newer read is served already. */
    Uni<Void> reload() {
        return load(false);
    }

    /** @param reset the store counts lower than the version served (a Redis restarted empty): take what it holds */
    private Uni<Void> load(boolean reset) {
        return store.all().invoke(contents -> install(contents, reset)).invoke(() -> {
            loaded = true;
            watch.reachable();
        }).onFailure().invoke(watch::unavailable).replaceWithVoid();
    }

    /** Reports the counts of one key now (before its usage is read), then answers its usage. */
    Uni<KeyStore.Usage> usage(String id, long now) {
        KeyState state = states.get(id);
        if (state == null) {
            return Uni.createFrom().item(new KeyStore.Usage(0, 0, 0, 0, 0));
        }
        long period = state.periodStart(now);
        return report(id, state, now).onFailure().recoverWithNull().chain(() -> store.usage(id, period));
    }

    private void sync() {
        if (states.isEmpty() || !syncing.compareAndSet(false, true)) {
            return;
        }
        long now = System.currentTimeMillis();
        AtomicInteger left = new AtomicInteger(states.size() + 1);
        Runnable done = () -> {
            if (left.decrementAndGet() == 0) {
                syncing.set(false);
            }
        };
        states.forEach((id, state) -> report(id, state, now).onTermination().invoke(done).subscribe().with(ignored -> {
        }, failure -> {
        }));
        done.run();
    }

    private Uni<Void> report(String id, KeyState state, long now) {
        KeyStore.Report report = state.report(now);
        if (report == null) {
            return Uni.createFrom().voidItem();
        }
        return store.report(id, replica, now, report).invoke(totals -> {
            state.totals(report, totals);
            watch.reachable();
        }).onFailure().invoke(failure -> {
            state.unreported(report);
            watch.unavailable(failure);
        }).replaceWithVoid();
    }

    private void install(KeyStore.Contents contents, boolean reset) {
        Map<String, KeyState> byHash = new HashMap<>();
        Map<String, VirtualKey> byId = new java.util.TreeMap<>();
        for (Map.Entry<String, String> entry : contents.bodies().entrySet()) {
            VirtualKey key;
            KeyGrant grant;
            try {
                key = json.readValue(entry.getValue(), VirtualKey.class);
                key.body().checked();
                grant = KeyGrant.of(key);
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warnf("virtual key %s ignored: not a readable key", entry.getKey());
                continue;
            }
            KeyState state = states.computeIfAbsent(key.id(), ignored -> new KeyState(grant));
            state.grant(grant);
            byHash.put(key.keyHash(), state);
            byId.put(key.id(), key);
        }
        synchronized (this) {
            if (!reset && contents.version() < snapshot.version()) {
                return;
            }
            states.keySet().retainAll(byId.keySet());
            snapshot = new Snapshot(contents.version(), Map.copyOf(byHash), java.util.Collections.unmodifiableMap(byId));
        }
    }
}
