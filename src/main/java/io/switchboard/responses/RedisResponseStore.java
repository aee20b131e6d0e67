package io.switchboard.responses;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.ConfigProblems;
import io.switchboard.config.SwitchboardConfig;

/**
 * Responses in Redis, shared by every replica ({@code switchboard.store.type=redis}): one string key per
 * response, {@code switchboard.responses.redis-key-prefix} and its key, written with the time to live as
 * Redis's own expiry, so nothing here ever sweeps. Created only when chosen, so the Redis client is never
 * touched otherwise.
 */
@Singleton
@Identifier("redis")
public class RedisResponseStore implements ResponseStore {

    /** A Redis that does not answer within this is treated as down. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final String prefix;
    private final long ttlMillis;

    /**
     * The client is looked up rather than injected: Quarkus deactivates it when quarkus.redis.hosts is unset
     * (the memory store), and an injected inactive client fails start-up.
     */
    @Inject
    public RedisResponseStore(Instance<ReactiveRedisDataSource> client, SwitchboardConfig config,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts) {
        this(redis(client, hosts), config.responses().redisKeyPrefix(), config.responses().ttl());
    }

    /** A store over {@code redis}: another replica's, in tests. */
    public RedisResponseStore(ReactiveRedisDataSource redis, String prefix, Duration ttl) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.prefix = prefix;
        this.ttlMillis = ttl.toMillis();
    }

    private static ReactiveRedisDataSource redis(Instance<ReactiveRedisDataSource> client, Optional<String> hosts) {
        if (hosts.isEmpty()) {
            throw ConfigProblems.of("switchboard.store.type=redis needs quarkus.redis.hosts (e.g. redis://redis:6379)");
        }
        return client.get();
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public Uni<Void> put(String key, String stored) {
        return timed(values.set(prefix + key, stored, new SetArgs().px(ttlMillis)));
    }

    @Override
    public Uni<String> get(String key) {
        return timed(values.get(prefix + key));
    }

    @Override
    public Uni<Boolean> delete(String key) {
        return timed(keys.del(prefix + key)).map(removed -> removed > 0);
    }

    private static <T> Uni<T> timed(Uni<T> command) {
        return command.ifNoItem().after(TIMEOUT).fail();
    }
}
