package io.switchboard.routes;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.SwitchboardConfig;

/**
 * Routes in a Redis hash shared by every replica, with a counter next to it that every write increments in
 * the same atomic script, so a replica that reads a new counter value knows to reload the hash. Created only
 * when {@code switchboard.store.type=redis}, so the Redis client is never touched otherwise.
 */
@ApplicationScoped
public class RedisRouteStore implements RouteStore {

    /** A Redis that does not answer within this is treated as down: admin writes fail fast, serving goes on. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final String PUT = "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) "
            + "return redis.call('INCR', KEYS[2])";
    private static final String DELETE = "if redis.call('HDEL', KEYS[1], ARGV[1]) == 1 then "
            + "redis.call('INCR', KEYS[2]) return 1 end return 0";

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hash;
    private final ReactiveValueCommands<String, Long> counter;
    private final String key;
    private final String versionKey;

    /**
     * The client is looked up rather than injected: Quarkus deactivates it when quarkus.redis.hosts is unset
     * (the memory store), and an injected inactive client fails start-up.
     */
    public RedisRouteStore(Instance<ReactiveRedisDataSource> client, SwitchboardConfig config) {
        this.redis = client.get();
        this.hash = redis.hash(String.class);
        this.counter = redis.value(Long.class);
        this.key = config.store().redisKey();
        this.versionKey = key + ":version";
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Uni<Long> version() {
        return timed(counter.get(versionKey)).map(version -> version == null ? 0L : version);
    }

    @Override
    public Uni<Map<String, String>> all() {
        return timed(hash.hgetall(key)).map(TreeMap::new);
    }

    @Override
    public Uni<String> get(String name) {
        return timed(hash.hget(key, name));
    }

    @Override
    public Uni<Void> put(String name, String body) {
        return timed(redis.execute("EVAL", PUT, "2", key, versionKey, name, body)).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> delete(String name) {
        return timed(redis.execute("EVAL", DELETE, "2", key, versionKey, name)).map(reply -> reply.toInteger() == 1);
    }

    private static <T> Uni<T> timed(Uni<T> command) {
        return command.ifNoItem().after(TIMEOUT).fail();
    }
}
