package io.switchboard.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link RedisServer} for a test class and points the gateway's route store at it
 * ({@code switchboard.store.type=redis}, {@code quarkus.redis.hosts}). Tests get the server injected with
 * {@link InjectRedisServer}, to stop and start it.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        redis = new RedisServer().start();
        return Map.of("switchboard.store.type", "redis", "quarkus.redis.hosts", redis.uri());
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
