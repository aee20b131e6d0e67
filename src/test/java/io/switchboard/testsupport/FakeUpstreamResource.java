package io.switchboard.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link FakeUpstream} for the test run and publishes its URL as {@code fake-upstream.url},
 * which {@code src/test/resources/application.properties} uses as every test provider's base URL.
 * Tests get it injected with {@link InjectFakeUpstream}.
 */
public class FakeUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private FakeUpstream upstream;

    @Override
    public Map<String, String> start() {
        upstream = new FakeUpstream().start();
        return Map.of("fake-upstream.url", upstream.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(upstream,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeUpstream.class, FakeUpstream.class));
    }

    @Override
    public void stop() {
        if (upstream != null) {
            upstream.stop();
        }
    }
}
