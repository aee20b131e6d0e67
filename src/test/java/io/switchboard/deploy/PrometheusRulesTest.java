package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The alerts of k8s/monitoring/ are rules Prometheus loads: the PrometheusRule's {@code spec} is a rule file,
 * and {@code promtool check rules} (Debian's prometheus package; .ci/run installs it) accepts it.
 */
class PrometheusRulesTest {

    @Test
    void should_pass_promtool_check_rules() throws Exception {
        Map<String, Object> rule = Manifests.parse(KustomizationsTest.MONITORING.resolve("prometheusrule.yaml")).get(0);
        DumperOptions block = new DumperOptions();
        block.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path rules = Files.createTempFile("switchboard-rules-", ".yaml");
        Path output = Files.createTempFile("promtool-", ".log");
        try {
            Files.writeString(rules, new Yaml(block).dump(rule.get("spec")), StandardCharsets.UTF_8);
            assertThat(onPath("promtool")).as("promtool on the PATH (Debian's prometheus package)").isTrue();
            Process promtool = new ProcessBuilder("promtool", "check", "rules", rules.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();

            assertThat(promtool.exitValue()).as(Files.readString(output)).isZero();
            assertThat(Files.readString(output)).contains("SUCCESS: " + DashboardMetricsTest.rules().size() + " rules found");
        } finally {
            Files.deleteIfExists(rules);
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
