package io.switchboard.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * after some traffic, every metric their expressions name is on {@code /q/metrics}. And they only ask a
 * histogram what its buckets can answer: {@code histogram_quantile} never returns more than the highest
 * finite bucket, so a threshold at or above it can never be crossed, and a {@code le} selector must name a
 * bucket the service exposes.
 */
@QuarkusTest
@WithTestResource(value = FakeUpstreamResource.class, scope = TestResourceScope.GLOBAL)
class DashboardMetricsTest extends FakeUpstreamTest {

    static final Path MONITORING = Path.of("k8s", "monitoring");
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    /** Label matchers, {@code by (...)} clauses and range selectors: what is left names metrics and functions. */
    static final Pattern NOT_A_METRIC = Pattern.compile("\\{[^}]*}|\\b(by|without)\\s*\\([^)]*\\)|\\[[^]]*]");
    static final Pattern METRIC = Pattern.compile("\\b(switchboard_[a-z_]+|gen_ai_[a-z_]+|http_server_[a-z_]+)\\b");
    /** A comparison with a number: what an alert's expression holds its threshold in. */
    static final Pattern COMPARISON = Pattern.compile("(?<![=!<>])(?:>=|>|<=|<)\\s*(\\d+(?:\\.\\d+)?)");
    /** A selector of one bucket: {@code name_bucket{…le="10.0"…}}. */
    static final Pattern LE_SELECTOR = Pattern.compile("\\b([a-z_]+_bucket)\\{[^}]*\\ble=\"([^\"]+)\"");
    /** A bucket series on /q/metrics. */
    static final Pattern BUCKET_SERIES = Pattern.compile("^([a-z_]+_bucket)\\{.*\\ble=\"([^\"]+)\"");

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
    void should_compare_histograms_only_with_values_their_buckets_can_reach() throws IOException {
        traffic();
        Map<String, TreeSet<Double>> buckets = finiteBuckets(Prometheus.series());
        List<Check> checks = new ArrayList<>();
        for (JsonNode panel : dashboard().findParents("targets")) {
            List<Double> thresholds = new ArrayList<>();
            panel.at("/fieldConfig/defaults/thresholds/steps").forEach(step -> {
                if (step.path("value").isNumber()) {
                    thresholds.add(step.path("value").asDouble());
                }
            });
            panel.path("targets").forEach(target -> checks.add(
                    new Check("panel \"" + panel.path("title").asText() + "\"", target.path("expr").asText(), thresholds)));
        }
        rules().forEach(rule -> {
            String expr = String.valueOf(rule.get("expr"));
            checks.add(new Check("alert " + rule.get("alert"), expr, thresholds(expr)));
        });

        int compared = 0;
        for (Check check : checks) {
            for (String histogram : quantileHistograms(check.expr())) {
                assertThat(buckets).as(check.where() + ": the finite buckets of " + histogram).containsKey(histogram);
                double highest = buckets.get(histogram).last();
                for (double threshold : check.thresholds()) {
                    assertThat(threshold).as("%s compares the quantile of %s, whose highest finite bucket is %s, with",
                            check.where(), histogram, highest).isLessThan(highest);
                    compared++;
                }
            }
            Matcher selector = LE_SELECTOR.matcher(check.expr());
            while (selector.find()) {
                assertThat(buckets.get(selector.group(1))).as(check.where() + ": the buckets of " + selector.group(1))
                        .isNotNull().contains(Double.parseDouble(selector.group(2)));
                compared++;
            }
        }
        assertThat(compared).as("thresholds and bucket selectors checked").isGreaterThanOrEqualTo(2);
    }

    @Test
    void should_flag_a_quantile_threshold_at_the_highest_bucket() {
        String neverFires = "histogram_quantile(0.99, sum by (le, provider) (rate("
                + "switchboard_stream_time_to_first_event_seconds_bucket[5m]))) > 10";
        Map<String, TreeSet<Double>> buckets = finiteBuckets(List.of(
                "switchboard_stream_time_to_first_event_seconds_bucket{provider=\"a\",le=\"7.5\"} 1.0",
                "switchboard_stream_time_to_first_event_seconds_bucket{provider=\"a\",le=\"10.0\"} 1.0",
                "switchboard_stream_time_to_first_event_seconds_bucket{provider=\"a\",le=\"+Inf\"} 1.0"));

        assertThat(quantileHistograms(neverFires)).containsExactly("switchboard_stream_time_to_first_event_seconds_bucket");
        assertThat(thresholds(neverFires)).containsExactly(10.0);
        assertThat(buckets.get("switchboard_stream_time_to_first_event_seconds_bucket").last()).isEqualTo(10.0);
        assertThat(thresholds("max by (provider) (switchboard_circuit_breaker_state) == 1")).isEmpty();
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

    /** The histograms ({@code _bucket} series) an expression reads a quantile of. */
    static List<String> quantileHistograms(String expression) {
        if (!expression.contains("histogram_quantile")) {
            return List.of();
        }
        return metrics(expression).stream().filter(name -> name.endsWith("_bucket")).toList();
    }

    /** The numbers an expression compares with. */
    static List<Double> thresholds(String expression) {
        List<Double> thresholds = new ArrayList<>();
        Matcher comparison = COMPARISON.matcher(NOT_A_METRIC.matcher(expression).replaceAll(" "));
        while (comparison.find()) {
            thresholds.add(Double.parseDouble(comparison.group(1)));
        }
        return thresholds;
    }

    /** Each histogram's finite bucket bounds ({@code +Inf} left out), from the sample lines of /q/metrics. */
    static Map<String, TreeSet<Double>> finiteBuckets(List<String> series) {
        Map<String, TreeSet<Double>> buckets = new TreeMap<>();
        for (String line : series) {
            Matcher bucket = BUCKET_SERIES.matcher(line);
            if (bucket.find() && !bucket.group(2).equals("+Inf")) {
                buckets.computeIfAbsent(bucket.group(1), name -> new TreeSet<>()).add(Double.parseDouble(bucket.group(2)));
            }
        }
        return buckets;
    }

    /** A query and the thresholds it is held to: an alert's comparison, or a panel's threshold steps. */
    record Check(String where, String expr, List<Double> thresholds) {
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(MONITORING.resolve("switchboard-dashboard.json").toFile());
    }

    private static List<String> dashboardExpressions() throws IOException {
        List<String> expressions = dashboard().findValues("expr").stream().map(JsonNode::asText).toList();
        assertThat(expressions).as("dashboard expressions").isNotEmpty();
        return expressions;
    }

    private static List<String> ruleExpressions() {
        List<String> expressions = rules().stream().map(rule -> String.valueOf(rule.get("expr"))).toList();
        assertThat(expressions).as("alert expressions").isNotEmpty();
        return expressions;
    }

    /** The alerting rules of the PrometheusRule, as written. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rules() {
        Map<String, Object> rule = Manifests.parse(MONITORING.resolve("prometheusrule.yaml")).get(0);
        assertThat(rule.get("kind")).isEqualTo("PrometheusRule");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec"))
                .get("groups");
        return groups.stream().flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
    }
}
