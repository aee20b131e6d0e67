package io.switchboard.gateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.switchboard.core.model.AIContext;
import io.switchboard.errors.ErrorType;
import io.switchboard.errors.GatewayException;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.LocalUpstream;
import io.switchboard.upstream.GenericErrorParser;
import io.switchboard.upstream.UpstreamHttp;

/** The one way a provider call maps what it cannot write or read, whatever the provider. */
class WireCallsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectReader MAP_READER = JSON.readerFor(Map.class);
    static final ProviderRequest REQUEST = new ProviderRequest(
            new AIContext(java.util.List.of(), null, null, null, null, null, null, null, null, null, null, null, null),
            "m", null, 0.7, null, "req_1");

    @RegisterExtension
    static final LocalUpstream LOCAL = new LocalUpstream();
    static WireCalls calls;

    @BeforeAll
    static void start() {
        UpstreamHttp http = new UpstreamHttp(LOCAL.vertx(), "p", URI.create(LOCAL.fake().url()),
                new UpstreamHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(),
                        1 << 20, 1 << 20),
                new GenericErrorParser(JSON));
        calls = new WireCalls("p", http, JSON);
    }

    private GatewayException sendFailure() {
        return (GatewayException) calls.<Map<String, Object>> send(() -> calls.post("/x", Map.of("q", 1), REQUEST),
                MAP_READER, "the body is not a map")
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure().getFailure();
    }

    @Test
    void should_post_the_wire_body_as_json_and_read_the_answer() {
        LOCAL.fake().enqueue(FakeUpstream.json(200, "{\"ok\":true}"));
        Map<String, Object> answer = calls.<Map<String, Object>> send(() -> calls.post("/x", Map.of("q", 1), REQUEST),
                MAP_READER, "the body is not a map")
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().getItem();
        assertThat(answer).containsEntry("ok", true);
        assertThat(LOCAL.fake().lastRequest().body).isEqualTo("{\"q\":1}");
    }

    @Test
    void should_fail_malformed_when_body_is_not_json() {
        LOCAL.fake().enqueue(FakeUpstream.json(200, "not json"));
        GatewayException error = sendFailure();
        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(error.type()).isEqualTo(ErrorType.PROVIDER_ERROR);
        assertThat(error.getMessage()).isEqualTo("p sent a malformed answer: the body is not a map");
    }

    @Test
    void should_fail_malformed_when_body_is_json_null() {
        LOCAL.fake().enqueue(FakeUpstream.json(200, "null"));
        assertThat(sendFailure().getMessage()).isEqualTo("p sent a malformed answer: an empty answer");
    }

    @Test
    void should_fail_internal_when_the_wire_body_cannot_be_written() {
        assertThatThrownBy(() -> calls.post("/x", new Object(), REQUEST))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INTERNAL_ERROR);
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.getMessage()).isEqualTo("could not write the p request body");
                });
    }
}
