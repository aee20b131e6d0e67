package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.at;
import static io.switchboard.deploy.Manifests.container;
import static io.switchboard.deploy.Manifests.kind;
import static io.switchboard.deploy.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.switchboard.config.SwitchboardConfig;

/**
 * Rolling updates must not cut streams: the pod's shutdown steps fit in its termination grace period
 * (README "Deployment"). Every number is read from k8s/base/ and the application's configuration.
 */
class ShutdownTimingTest {

    private static final Map<String, String> PLACEHOLDER_ENV = Map.of("OPENAI_API_KEY", "placeholder",
            "ANTHROPIC_API_KEY", "placeholder", "SWITCHBOARD_GATEWAY_KEYS", "placeholder");

    @Test
    void should_fit_pre_stop_delay_and_grace_period_in_the_termination_grace_period() {
        SmallRyeConfig config = DeployConfig.inPod(PLACEHOLDER_ENV);
        Duration preStop = Duration.ofSeconds(preStopSleepSeconds());
        Duration delay = config.getOptionalValue("quarkus.shutdown.delay", Duration.class).orElse(Duration.ZERO);
        Duration grace = config.getConfigMapping(SwitchboardConfig.class).shutdownGracePeriod();
        Duration termination = Duration.ofSeconds(
                (Integer) at(kind("Deployment"), "spec", "template", "spec", "terminationGracePeriodSeconds"));

        assertThat(preStop).as("preStop sleep").isPositive();
        assertThat(preStop.plus(delay).plus(grace)).as("preStop + quarkus.shutdown.delay + grace period")
                .isLessThan(termination);
    }

    @Test
    void should_let_quarkus_wait_the_grace_period_for_requests_in_flight() {
        SmallRyeConfig config = DeployConfig.inPod(PLACEHOLDER_ENV);

        assertThat(config.getValue("quarkus.shutdown.delay-enabled", Boolean.class)).isTrue();
        assertThat(config.getValue("quarkus.shutdown.timeout", Duration.class))
                .isEqualTo(config.getConfigMapping(SwitchboardConfig.class).shutdownGracePeriod());
    }

    @Test
    void should_not_take_pods_down_faster_than_streams_drain() {
        Map<String, Object> strategy = Manifests.map(at(kind("Deployment"), "spec", "strategy"));

        assertThat(at(strategy, "rollingUpdate", "maxUnavailable")).isEqualTo(0);
        assertThat(at(kind("PodDisruptionBudget"), "spec", "maxUnavailable")).isEqualTo(1);
    }

    private static long preStopSleepSeconds() {
        Map<String, Object> preStop = Manifests.map(at(container(), "lifecycle", "preStop"));
        if (preStop.containsKey("sleep")) {
            return ((Number) at(preStop, "sleep", "seconds")).longValue();
        }
        List<Object> command = list(at(preStop, "exec", "command"));
        assertThat(command).hasSize(2).first().isEqualTo("sleep");
        return Long.parseLong(String.valueOf(command.get(1)));
    }
}
