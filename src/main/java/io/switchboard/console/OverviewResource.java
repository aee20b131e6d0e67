package io.switchboard.console;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.common.annotation.NonBlocking;
import io.switchboard.api.ErrorAnswers;
import io.switchboard.api.ErrorFormat;
import io.switchboard.api.ErrorFormats;
import io.switchboard.api.admin.AdminAccess;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.ProviderRegistry;
import io.switchboard.traffic.ProviderTraffic;
import io.switchboard.traffic.Traffic;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/admin/overview}: the operator console's overview, from the gateway's own meters (no Prometheus
 * needed): the samples {@link MeterSampler} kept over the last 15 minutes, and each provider's breaker, requests in
 * flight and last error now. An admin key is required, as on the rest of the admin API.
 */
@Path("/v1/admin/overview")
public class OverviewResource {

    private final AdminAccess access;
    private final MeterSampler sampler;
    private final ProviderRegistry registry;
    private final Traffic traffic;
    private final ErrorFormat errors;

    public OverviewResource(AdminAccess access, MeterSampler sampler, ProviderRegistry registry, Traffic traffic,
            ErrorFormats errorFormats) {
        this.access = access;
        this.sampler = sampler;
        this.registry = registry;
        this.traffic = traffic;
        this.errors = errorFormats.envelope();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Overview overview(@RestHeader("Authorization") String authorization) {
        access.authorize(authorization);
        long now = System.nanoTime();
        List<Overview.ProviderState> providers = registry.providers().stream().map(provider -> {
            ProviderTraffic state = traffic.of(provider.name());
            MeterSampler.LastError last = sampler.lastError(provider.name());
            int limit = state == null ? 0 : state.limiter().limit();
            return new Overview.ProviderState(provider.name(), provider.type(),
                    state == null ? "closed" : state.breaker().state(now).wireName(),
                    state == null ? 0 : state.limiter().inFlight(), limit > 0 ? limit : null,
                    last == null ? null : last.type(), last == null ? null : last.time());
        }).toList();
        return new Overview(sampler.interval().toMillis() / 1000.0, sampler.samples(), providers);
    }

    @ServerExceptionMapper
    public RestResponse<Buffer> refused(GatewayException error, RoutingContext rc) {
        return ErrorAnswers.response(errors, error, rc);
    }
}
