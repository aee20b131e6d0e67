package io.switchboard.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.switchboard.governance.KeyStore;
import io.switchboard.governance.MemoryKeyStore;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.OpenWithAdminKey;

/**
 * A route store is a {@link RouteStore} bean with an {@link Identifier}: {@code switchboard.store.type} names the
 * one the gateway uses, with nothing else to change (here a store only the tests have).
 */
@QuarkusTest
@TestProfile(OpenWithAdminKey.class)
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RouteStoreChoiceTest.OwnStore.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RouteStoreChoiceTest {

    static final String ADMIN_KEY = OpenWithAdminKey.ADMIN_KEY;

    /** Names the counting store; a test resource rather than a profile of its own, a restart rather than a start. */
    public static class OwnStore implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("switchboard.store.type", "counting");
        }

        @Override
        public void stop() {
        }
    }

    /** The keys are kept in the store of the same type too: here the memory key store. */
    @Singleton
    public static class CountingKeyStore {
        @Produces
        @Singleton
        @Identifier("counting")
        KeyStore keys() {
            return new MemoryKeyStore();
        }
    }

    /** The memory store, counting the writes it is given. */
    @Singleton
    @Identifier("counting")
    public static class CountingStore implements RouteStore {

        final MemoryRouteStore routes = new MemoryRouteStore();
        final AtomicInteger puts = new AtomicInteger();

        @Override
        public String kind() {
            return "counting";
        }

        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public Uni<Long> version() {
            return routes.version();
        }

        @Override
        public Uni<Contents> all(int maxRoutes, long maxBytes) {
            return routes.all(maxRoutes, maxBytes);
        }

        @Override
        public Uni<String> get(String name) {
            return routes.get(name);
        }

        @Override
        public Uni<Outcome> put(String name, String body, String expectedTag, int maxRoutes) {
            puts.incrementAndGet();
            return routes.put(name, body, expectedTag, maxRoutes);
        }

        @Override
        public Uni<Outcome> delete(String name, String expectedTag) {
            return routes.delete(name, expectedTag);
        }
    }

    @Inject
    @Identifier("counting")
    RouteStore store;

    @Test
    void should_keep_runtime_routes_in_the_store_bean_named_by_the_store_type() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'route-store' }.data.type", equalTo("counting"));

        given().header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/json")
                .body("{\"targets\":[\"echo\"]}").put("/v1/routes/counted-room").then().statusCode(201);

        assertThat(((CountingStore) store).puts).hasValue(1);
        given().contentType("application/json").queryParam("provider", "counted-room")
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").post("/v1/generate").then()
                .statusCode(200).body("metadata.provider", equalTo("echo"));
    }
}
