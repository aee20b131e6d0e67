package io.switchboard.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.providers.openai.Fixtures;
import io.switchboard.testsupport.FakeUpstream;
import io.switchboard.testsupport.FakeUpstreamResource;
import io.switchboard.testsupport.FakeUpstreamTest;
import io.switchboard.testsupport.Prometheus;

/**
 * The Grafana dashboard and the alerts in k8s/monitoring/ only query metrics the service exports:
 * after some traffic, every metric their expressions name is on {@code /q/metrics}.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class DashboardMetricsTest extends FakeUpstreamTest {

    static final Path MONITORING = Path.of("k8s", "monitoring");
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    /** Label matchers, {@code by (...)} clauses and range selectors: what is left names metrics and functions. */
    static final Pattern NOT_A_METRIC = Pattern.compile("\\{[^}]*}|\\b(by|without)\\s*\\([^)]*\\)|\\[[^]]*]");
    static final Pattern METRIC = Pattern.compile("\\b(switchboard_[a-z_]+|gen_ai_[a-z_]+|http_server_[a-z_]+)\\b");

    @Test
    void should_only_query_metrics_the_service_exports() throws IOException {
        traffic();
        Set<String> queried = new TreeSet<>();
        dashboardExpressions().forEach(expr -> queried.addAll(metrics(expr)));
        ruleExpressions().forEach(expr -> queried.addAll(metrics(expr)));
        assertThat(queried).as("metrics the dashboard and the rules query").hasSizeGreaterThan(8);

        List<String> exported = Prometheus.series();
        assertThat(queried).allSatisfy(metric -> assertThat(exported)
                .as("exported series of " + metric).anyMatch(line -> line.startsWith(metric + "{")
                        || line.startsWith(metric + " ")));
    }

    @Test
    void should_find_the_metric_names_in_an_expression() {
        assertThat(metrics("histogram_quantile(0.99, sum by (le, gen_ai_token_type) (rate("
                + "gen_ai_client_token_usage_tokens_bucket{provider=~\"$provider\"}[5m]))) / sum(switchboard_streams_active)"))
                .containsExactlyInAnyOrder("gen_ai_client_token_usage_tokens_bucket", "switchboard_streams_active");
    }

    /** One of each kind of request, so that every meter has been registered. */
    private void traffic() {
        fake.reset();
        fake.enqueue(FakeUpstream.json(200, Fixtures.read("openai/openai-chat-text.json")));
        fake.enqueue(FakeUpstream.sse(List.of(Fixtures.read("openai/openai-chat-text-stream-include-usage.sse"))));
        given().contentType("application/json").body(HELLO).queryParam("provider", "openai").post("/v1/generate")
                .then().statusCode(200);
        given().contentType("application/json").body(HELLO).queryParam("provider", "openai").post("/v1/stream")
                .then().statusCode(200);
        given().contentType("application/json").body(HELLO).queryParam("provider", "mock-429").post("/v1/generate")
                .then().statusCode(429);
    }

    static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(NOT_A_METRIC.matcher(expression).replaceAll(" "));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("switchboard-dashboard.json").toFile());
        List<String> expressions = dashboard.findValues("expr").stream().map(JsonNode::asText).toList();
        assertThat(expressions).as("dashboard expressions").isNotEmpty();
        return expressions;
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleExpressions() throws IOException {
        Map<String, Object> rule = (Map<String, Object>) Manifests.parse(MONITORING.resolve("prometheusrule.yaml"))
                .get(0);
        assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec"))
                .get("groups");
        List<String> expressions = groups.stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .map(alert -> String.valueOf(alert.get("expr"))).toList();
        assertThat(expressions).as("alert expressions").isNotEmpty();
        return expressions;
    }
}
