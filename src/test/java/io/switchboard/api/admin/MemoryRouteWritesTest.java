package io.switchboard.api.admin;

import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testsupport.FakeUpstreamResource;

/** {@link RouteWritesContract} on the default store, this process's memory. */
@QuarkusTest
@TestProfile(MemoryRouteWritesTest.Limits.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class MemoryRouteWritesTest extends RouteWritesContract {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.auth.admin-keys", ADMIN_KEY, "switchboard.auth.open", "true",
                    "switchboard.store.max-routes", String.valueOf(MAX_ROUTES));
        }
    }
}
