package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.core.event.Done;
import io.switchboard.core.event.StreamEvent;
import io.switchboard.core.event.TextDelta;
import io.switchboard.core.model.AIContext;
import io.switchboard.core.model.AIMessage;
import io.switchboard.core.model.AIResponse;
import io.switchboard.core.model.FinishReason;
import io.switchboard.core.model.Role;
import io.switchboard.core.model.TextPart;
import io.switchboard.core.route.Route;
import io.switchboard.core.route.RouteTable;
import io.switchboard.cost.CatalogPricing;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.ConfiguredProvider;
import io.switchboard.gateway.spi.InboundRequest;
import io.switchboard.gateway.spi.Provider;
import io.switchboard.gateway.spi.ProviderRequest;
import io.switchboard.gateway.spi.ProviderSetup;
import io.switchboard.gateway.spi.ProviderType;
import io.switchboard.gateway.spi.TypedProviderFactory;
import io.switchboard.metrics.Exchange;
import io.switchboard.metrics.GatewayMetrics;
import io.switchboard.testsupport.TestConfig;
import io.switchboard.traffic.Traffic;
import io.switchboard.traffic.TrafficMetrics;
import io.vertx.core.Vertx;

/** The rules {@link Gateway#stream} applies to every attempt's events, whatever the provider sends. */
class GatewayStreamTest {

    static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    private final AtomicBoolean providerCancelled = new AtomicBoolean();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Supplier<Multi<StreamEvent>> answer;

    /** A provider that streams what the test sets, and notes a cancellation. */
    private final class Scripted extends ConfiguredProvider {
        Scripted(ProviderSetup setup) {
            super(setup, "m");
        }

        @Override
        public Uni<AIResponse> generate(ProviderRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Multi<StreamEvent> stream(ProviderRequest request) {
            return answer.get().onCancellation().invoke(() -> providerCancelled.set(true));
        }
    }

    private Gateway gateway() {
        SmallRyeConfig config = TestConfig.load(Map.of("switchboard.providers.s.type", "scripted",
                "switchboard.default-provider", "s"), Map.of());
        TypedProviderFactory factory = new TypedProviderFactory(new ProviderType("scripted", null, "m")) {
            @Override
            public Provider create(ProviderSetup setup) {
                return new Scripted(setup);
            }
        };
        ProviderRegistry registry = new ProviderRegistry(config, List.of(factory), VERTX, new ObjectMapper());
        RouteTable noRoutes = new RouteTable() {
            @Override
            public Route route(String name) {
                return null;
            }

            @Override
            public Collection<Route> routes() {
                return List.of();
            }
        };
        return new Gateway(registry, noRoutes, new GatewayMetrics(meters),
                new Traffic(config.getConfigMapping(SwitchboardConfig.class),
                        new TrafficMetrics(meters)),
                new CatalogPricing(config.getConfigMapping(SwitchboardConfig.class)));
    }

    private AssertSubscriber<StreamEvent> stream(long initialDemand) {
        AIContext context = new AIContext(List.of(new AIMessage(Role.USER, List.of(new TextPart("hi")))), null, null, null,
                null, null, null, null, null, null, null, null, null);
        return gateway().stream(context, null, null, new InboundRequest("req_1", Exchange.NONE)).subscribe()
                .withSubscriber(AssertSubscriber.create(initialDemand));
    }

    private double requests(String outcome) {
        Counter counter = meters.find("switchboard.requests").tag("endpoint", "stream").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void should_end_the_stream_at_its_terminal_event_and_cancel_what_follows() {
        answer = () -> Multi.createFrom().items(new TextDelta("a"), new Done(FinishReason.STOP, null, null),
                new TextDelta("after the end"), new TextDelta("never read"));

        AssertSubscriber<StreamEvent> subscriber = stream(10);

        subscriber.assertCompleted();
        assertThat(subscriber.getItems()).extracting(StreamEvent::type).containsExactly("text_delta", "done");
        assertThat(((Done) subscriber.getItems().get(1)).metadata().get("request_id").asText()).isEqualTo("req_1");
        assertThat(providerCancelled).isTrue();
        assertThat(requests("ok")).isEqualTo(1);
    }

    @Test
    void should_fail_as_a_retryable_cut_when_the_events_end_without_a_terminal_one() {
        answer = () -> Multi.createFrom().items(new TextDelta("a"));

        AssertSubscriber<StreamEvent> subscriber = stream(10);

        subscriber.assertFailedWith(GatewayException.class, "ended the stream before its terminal event");
        assertThat(((GatewayException) subscriber.getFailure()).retryable()).isTrue();
        assertThat(subscriber.getItems()).extracting(StreamEvent::type).containsExactly("text_delta");
        assertThat(requests("ok")).isZero();
    }

    @Test
    void should_count_a_stream_the_client_left_as_cancelled_and_cancel_the_provider() {
        answer = () -> Multi.createFrom().items(new TextDelta("a"), new TextDelta("b"),
                new Done(FinishReason.STOP, null, null));

        AssertSubscriber<StreamEvent> subscriber = stream(1);
        subscriber.cancel();

        assertThat(subscriber.getItems()).extracting(StreamEvent::type).containsExactly("text_delta");
        assertThat(providerCancelled).isTrue();
        assertThat(requests("cancelled")).isEqualTo(1);
        assertThat(requests("ok")).isZero();
    }

    @Test
    void should_turn_an_unexpected_failure_into_an_internal_error_without_its_message() {
        answer = () -> Multi.createFrom().failure(new IllegalStateException("secret detail"));

        AssertSubscriber<StreamEvent> subscriber = stream(10);

        subscriber.assertFailedWith(GatewayException.class, "internal error while calling provider s");
        assertThat(subscriber.getFailure().getMessage()).doesNotContain("secret detail");
    }
}
