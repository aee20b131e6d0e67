package io.switchboard.routes;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.ConfigProblems;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Routes in a Redis hash shared by every replica, with a counter next to it that every write increments in
 * the same atomic script, so a replica that reads a new counter value knows to reload the hash. Each write is
 * one script, so its condition (the route's tag, the count limit) and the write cannot be split by another
 * replica's. Created only when {@code switchboard.store.type=redis}, so the Redis client is never touched
 * otherwise.
 */
@Singleton
@Identifier("redis")
public class RedisRouteStore implements RouteStore {

    /** A Redis that does not answer within this is treated as down: admin writes fail fast, serving goes on. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** The tag of the stored body, as {@link RouteTag#of} computes it. */
    private static final String TAG = "string.sub(redis.sha1hex(current), 1, " + RouteTag.LENGTH + ")";
    /** The condition of a write: ARGV[3] is '' (none), '*' (exists) or the tag the route must have. */
    private static final String CONDITION = "local current = redis.call('HGET', KEYS[1], ARGV[1]) "
            + "if ARGV[3] ~= '' and not current then return 'MISSING' end "
            + "if ARGV[3] ~= '' and ARGV[3] ~= '*' and " + TAG + " ~= ARGV[3] then return 'CHANGED' end ";
    private static final String PUT = CONDITION
            + "if not current and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return 'FULL' end "
            + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) redis.call('INCR', KEYS[2]) "
            + "if current then return 'REPLACED' end return 'CREATED'";
    private static final String DELETE = "local current = redis.call('HGET', KEYS[1], ARGV[1]) "
            + "if not current then return 'MISSING' end "
            + "if ARGV[2] ~= '' and ARGV[2] ~= '*' and " + TAG + " ~= ARGV[2] then return 'CHANGED' end "
            + "redis.call('HDEL', KEYS[1], ARGV[1]) redis.call('INCR', KEYS[2]) return 'DELETED'";
    /**
     * The version, the number of routes, then name and body of the first ARGV[1] routes by name, a body longer
     * than ARGV[2] bytes replaced by its length: an oversized value never leaves Redis, so a replica cannot run
     * out of memory reading routes it would refuse anyway.
     */
    private static final String ALL = "local names = redis.call('HKEYS', KEYS[1]) table.sort(names) "
            + "local out = {redis.call('GET', KEYS[2]) or '0', #names} "
            + "for i = 1, math.min(#names, tonumber(ARGV[1])) do "
            + "local size = redis.call('HSTRLEN', KEYS[1], names[i]) out[#out + 1] = names[i] "
            + "if size > tonumber(ARGV[2]) then out[#out + 1] = size "
            + "else out[#out + 1] = redis.call('HGET', KEYS[1], names[i]) end end return out";

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hash;
    private final ReactiveValueCommands<String, Long> counter;
    private final String key;
    private final String versionKey;

    /**
     * The client is looked up rather than injected: Quarkus deactivates it when quarkus.redis.hosts is unset
     * (the memory store), and an injected inactive client fails start-up.
     */
    public RedisRouteStore(Instance<ReactiveRedisDataSource> client, SwitchboardConfig config,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts) {
        if (hosts.isEmpty()) {
            throw ConfigProblems.of("switchboard.store.type=redis needs quarkus.redis.hosts (e.g. redis://redis:6379)");
        }
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
    public Uni<Contents> all(int maxRoutes, long maxBytes) {
        return timed(redis.execute("EVAL", ALL, "2", key, versionKey, String.valueOf(maxRoutes),
                String.valueOf(maxBytes))).map(RedisRouteStore::contents);
    }

    @Override
    public Uni<String> get(String name) {
        return timed(hash.hget(key, name));
    }

    @Override
    public Uni<Outcome> put(String name, String body, String expectedTag, int maxRoutes) {
        return timed(redis.execute("EVAL", PUT, "2", key, versionKey, name, body, condition(expectedTag),
                String.valueOf(maxRoutes))).map(RedisRouteStore::outcome);
    }

    @Override
    public Uni<Outcome> delete(String name, String expectedTag) {
        return timed(redis.execute("EVAL", DELETE, "2", key, versionKey, name, condition(expectedTag)))
                .map(RedisRouteStore::outcome);
    }

    private static Contents contents(Response reply) {
        Map<String, String> bodies = new TreeMap<>();
        Map<String, Long> oversized = new HashMap<>();
        for (int i = 2; i + 1 < reply.size(); i += 2) {
            Response value = reply.get(i + 1);
            if (value.type() == ResponseType.NUMBER) {
                oversized.put(reply.get(i).toString(), value.toLong());
            } else {
                bodies.put(reply.get(i).toString(), value.toString());
            }
        }
        return new Contents(Long.parseLong(reply.get(0).toString()), reply.get(1).toInteger(), bodies, oversized);
    }

    private static String condition(String expectedTag) {
        return expectedTag == null ? "" : expectedTag;
    }

    private static Outcome outcome(Response reply) {
        return Outcome.valueOf(reply.toString());
    }

    private static <T> Uni<T> timed(Uni<T> command) {
        return command.ifNoItem().after(TIMEOUT).fail();
    }
}
