package io.switchboard.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link RedisServer} for a test class and points the gateway's route store at it
 * ({@code switchboard.store.type=redis}, {@code quarkus.redis.hosts}). Tests get the server injected with
 * {@link InjectRedisServer}, to stop and start it; a subclass may {@link #seed} it first.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        redis = new RedisServer().start();
        seed(redis);
        return Map.of("switchboard.store.type", "redis", "quarkus.redis.hosts", redis.uri());
    }

    /** What a subclass writes into Redis before the gateway starts, as earlier replicas or people would have. */
    protected void seed(RedisServer server) {
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(redis,
                new TestInjector.AnnotatedAndMatchesType(InjectRedisServer.class, RedisServer.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}
