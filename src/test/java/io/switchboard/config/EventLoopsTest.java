package io.switchboard.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.netty.util.concurrent.MultithreadEventExecutorGroup;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/** The gateway's Vert.x runs one event loop per core on Linux's epoll transport, and serves requests on it. */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class EventLoopsTest {

    @Inject
    Vertx vertx;

    @Test
    void should_run_one_event_loop_per_core_on_the_epoll_transport() {
        int cores = Runtime.getRuntime().availableProcessors();
        MultithreadEventExecutorGroup loops = (MultithreadEventExecutorGroup) ((VertxInternal) vertx)
                .getEventLoopGroup();
        assertThat(loops.executorCount()).isEqualTo(cores);
        assertThat(vertx.isNativeTransportEnabled()).isTrue();
        given().contentType("application/json").body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .queryParam("provider", "echo")
                .post("/v1/generate").then().statusCode(200);
    }

    @Test
    void should_give_way_to_any_setting_of_the_event_loop_count() {
        EventLoopsPerCore source = new EventLoopsPerCore();
        assertThat(source.getValue(EventLoopsPerCore.EVENT_LOOPS))
                .isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
        // application.properties (250), the environment (300) and -D options (400) all rank above it
        assertThat(source.getOrdinal()).isLessThan(250).isGreaterThan(0);
        assertThat(source.getValue("quarkus.http.port")).isNull();
        assertThat(ConfigProvider.getConfig().getValue(EventLoopsPerCore.EVENT_LOOPS, Integer.class))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
