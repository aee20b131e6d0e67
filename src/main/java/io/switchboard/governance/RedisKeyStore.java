package io.switchboard.governance;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.switchboard.config.ConfigProblems;
import io.switchboard.config.SwitchboardConfig;
import io.vertx.mutiny.redis.client.Response;

/**
 * Virtual keys in a Redis hash shared by every replica (the key's secret as its SHA-256 only), a version counter
 * next to it, and per key a hash of its usage and budget in the current period ({@code <key>:usage:<id>}), one of
 * its requests and tokens per minute ({@code <key>:rate:<id>}) and one of the replicas' requests in flight
 * ({@code <key>:inflight:<id>}). Every operation is one script, so a lease's check and grant, or a report's sums,
 * cannot be split by another replica's. Created only when {@code switchboard.store.type=redis}.
 */
@Singleton
@Identifier("redis")
public class RedisKeyStore implements KeyStore {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** How long a replica's requests in flight count without a fresh report: it may have stopped. */
    static final long INFLIGHT_MILLIS = 2_000;

    private static final String CREATE = "if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'CHANGED' end "
            + "if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 'FULL' end "
            + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) redis.call('INCR', KEYS[2]) return 'CREATED'";
    private static final String REPLACE = "local current = redis.call('HGET', KEYS[1], ARGV[1]) "
            + "if not current then return 'MISSING' end if current ~= ARGV[3] then return 'CHANGED' end "
            + "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) redis.call('INCR', KEYS[2]) return 'REPLACED'";
    private static final String DELETE = "if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 'MISSING' end "
            + "redis.call('DEL', KEYS[3], KEYS[4], KEYS[5]) redis.call('INCR', KEYS[2]) return 'DELETED'";
    private static final String ALL = "return {redis.call('GET', KEYS[2]) or '0', redis.call('HGETALL', KEYS[1])}";
    /** The period of ARGV[1]: a later one starts the counts over; an earlier one is answered -1. */
    private static final String PERIOD = "local period = tonumber(ARGV[1]) "
            + "local stored = tonumber(redis.call('HGET', KEYS[1], 'period') or '-1') "
            + "if period > stored then redis.call('DEL', KEYS[1]) redis.call('HSET', KEYS[1], 'period', ARGV[1]) "
            + "stored = period end ";
    /** As {@link Leases#grant}: an eighth of what is left, at least the need, nothing when that cannot be covered. */
    private static final String LEASE = PERIOD + "if period < stored then return 0 end "
            + "local available = tonumber(ARGV[2]) - tonumber(redis.call('HGET', KEYS[1], 'spent') or '0') "
            + "- tonumber(redis.call('HGET', KEYS[1], 'leased') or '0') local need = tonumber(ARGV[3]) "
            + "if available < need or need <= 0 then return 0 end "
            + "local grant = math.min(available, math.max(need, math.floor(available / " + Leases.SHARE + "))) "
            + "redis.call('HINCRBY', KEYS[1], 'leased', grant) return grant";
    private static final String REPORT = PERIOD + "if period == stored then "
            + "redis.call('HINCRBY', KEYS[1], 'requests', ARGV[2]) redis.call('HINCRBY', KEYS[1], 'input', ARGV[3]) "
            + "redis.call('HINCRBY', KEYS[1], 'output', ARGV[4]) redis.call('HINCRBY', KEYS[1], 'spent', ARGV[5]) "
            + "local leased = tonumber(redis.call('HGET', KEYS[1], 'leased') or '0') + tonumber(ARGV[7]) "
            + "- tonumber(ARGV[6]) if leased < 0 then leased = 0 end redis.call('HSET', KEYS[1], 'leased', string.format('%d', leased)) end "
            + "local minute = tonumber(ARGV[8]) local previous = string.format('%d', minute - 1) local current = ARGV[8] "
            + "redis.call('HINCRBY', KEYS[2], previous .. ':r', ARGV[9]) "
            + "redis.call('HINCRBY', KEYS[2], previous .. ':t', ARGV[10]) "
            + "redis.call('HINCRBY', KEYS[2], current .. ':r', ARGV[11]) "
            + "redis.call('HINCRBY', KEYS[2], current .. ':t', ARGV[12]) redis.call('EXPIRE', KEYS[2], 180) "
            + "redis.call('HSET', KEYS[3], ARGV[13], ARGV[14] .. ':' .. ARGV[15]) redis.call('EXPIRE', KEYS[3], 60) "
            + "local others = 0 local flat = redis.call('HGETALL', KEYS[3]) for i = 1, #flat, 2 do "
            + "if flat[i] ~= ARGV[13] then local count, at = string.match(flat[i + 1], '(%d+):(%d+)') "
            + "if tonumber(ARGV[15]) - tonumber(at) < " + INFLIGHT_MILLIS + " then others = others + tonumber(count) "
            + "end end end "
            + "return {redis.call('HGET', KEYS[2], previous .. ':r') or '0', "
            + "redis.call('HGET', KEYS[2], previous .. ':t') or '0', redis.call('HGET', KEYS[2], current .. ':r') or '0', "
            + "redis.call('HGET', KEYS[2], current .. ':t') or '0', string.format('%d', others), "
            + "redis.call('HGET', KEYS[1], 'spent') or '0', redis.call('HGET', KEYS[1], 'leased') or '0'}";
    private static final String USAGE = "return {redis.call('HGET', KEYS[1], 'period') or '-1', "
            + "redis.call('HGET', KEYS[1], 'requests') or '0', redis.call('HGET', KEYS[1], 'input') or '0', "
            + "redis.call('HGET', KEYS[1], 'output') or '0', redis.call('HGET', KEYS[1], 'spent') or '0'}";

    private final ReactiveRedisDataSource redis;
    private final String key;
    private final String versionKey;

    /** The client is looked up rather than injected, as for the route store. */
    public RedisKeyStore(Instance<ReactiveRedisDataSource> client, SwitchboardConfig config,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts) {
        if (hosts.isEmpty()) {
            throw ConfigProblems.of("switchboard.store.type=redis needs quarkus.redis.hosts (e.g. redis://redis:6379)");
        }
        this.redis = client.get();
        this.key = config.keys().redisKey();
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
        return timed(redis.execute("GET", versionKey)).map(reply -> reply == null ? 0L : reply.toLong());
    }

    @Override
    public Uni<Contents> all() {
        return timed(redis.execute("EVAL", ALL, "2", key, versionKey)).map(reply -> {
            Map<String, String> bodies = new TreeMap<>();
            Response flat = reply.get(1);
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                bodies.put(flat.get(i).toString(), flat.get(i + 1).toString());
            }
            return new Contents(Long.parseLong(reply.get(0).toString()), bodies);
        });
    }

    @Override
    public Uni<String> get(String id) {
        return timed(redis.execute("HGET", key, id)).map(reply -> reply == null ? null : reply.toString());
    }

    @Override
    public Uni<Outcome> create(String id, String body, int maxKeys) {
        return timed(redis.execute("EVAL", CREATE, "2", key, versionKey, id, body, String.valueOf(maxKeys)))
                .map(RedisKeyStore::outcome);
    }

    @Override
    public Uni<Outcome> replace(String id, String body, String expected) {
        return timed(redis.execute("EVAL", REPLACE, "2", key, versionKey, id, body, expected))
                .map(RedisKeyStore::outcome);
    }

    @Override
    public Uni<Outcome> delete(String id) {
        return timed(redis.execute("EVAL", DELETE, "5", key, versionKey, usageKey(id), rateKey(id), inflightKey(id),
                id)).map(RedisKeyStore::outcome);
    }

    @Override
    public Uni<Long> lease(String id, long periodStart, long budgetMicros, long needMicros) {
        return timed(redis.execute("EVAL", LEASE, "1", usageKey(id), String.valueOf(periodStart),
                String.valueOf(budgetMicros), String.valueOf(needMicros))).map(Response::toLong);
    }

    @Override
    public Uni<Totals> report(String id, String replica, long nowMillis, Report r) {
        return timed(redis.execute("EVAL", REPORT, "3", usageKey(id), rateKey(id), inflightKey(id),
                String.valueOf(r.periodStart()), String.valueOf(r.requests()), String.valueOf(r.inputTokens()),
                String.valueOf(r.outputTokens()), String.valueOf(r.spentMicros()), String.valueOf(r.unleasedMicros()),
                String.valueOf(r.lateLeaseMicros()), String.valueOf(r.minute()),
                String.valueOf(r.previousMinuteRequests()), String.valueOf(r.previousMinuteTokens()),
                String.valueOf(r.minuteRequests()), String.valueOf(r.minuteTokens()), replica,
                String.valueOf(r.inflight()), String.valueOf(nowMillis)))
                .map(reply -> new Totals(number(reply, 0), number(reply, 1), number(reply, 2), number(reply, 3),
                        (int) number(reply, 4), number(reply, 5), number(reply, 6)));
    }

    @Override
    public Uni<Usage> usage(String id, long periodStart) {
        return timed(redis.execute("EVAL", USAGE, "1", usageKey(id))).map(reply -> number(reply, 0) != periodStart
                ? new Usage(periodStart, 0, 0, 0, 0)
                : new Usage(periodStart, number(reply, 1), number(reply, 2), number(reply, 3), number(reply, 4)));
    }

    private String usageKey(String id) {
        return key + ":usage:" + id;
    }

    private String rateKey(String id) {
        return key + ":rate:" + id;
    }

    private String inflightKey(String id) {
        return key + ":inflight:" + id;
    }

    /** A number Lua answered as a string (its numbers are doubles: a large count would print as 1e+15). */
    private static long number(Response reply, int index) {
        return (long) Double.parseDouble(reply.get(index).toString());
    }

    private static Outcome outcome(Response reply) {
        return Outcome.valueOf(reply.toString());
    }

    private static <T> Uni<T> timed(Uni<T> command) {
        return command.ifNoItem().after(TIMEOUT).fail();
    }
}
