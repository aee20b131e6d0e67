package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged application started with a configuration it cannot run with: it exits with a non-zero status
 * after one block that names every bad key, and prints no stack trace.
 */
class ConfigErrorStartupIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    record Run(int exitCode, String output) {
    }

    @Test
    void should_name_every_bad_provider_key_in_one_block_without_a_stack_trace() throws Exception {
        Run run = start("-Dswitchboard.providers.chat.type=openai", "-Dswitchboard.providers.chat.api-key=k",
                "-Dswitchboard.providers.chat.keep-alive=5m", "-Dswitchboard.providers.x.type=gpt-magic",
                "-Dswitchboard.routes.r.targets=chat", "-Dswitchboard.routes.r.strategy=random");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("switchboard.providers.chat.keep-alive: not a key of type openai")
                .contains("switchboard.providers.x.type: unknown type \"gpt-magic\"")
                .contains("switchboard.routes.r.strategy: unknown strategy \"random\"")
                .doesNotContainPattern("(?m)^\\s+at [a-z]").doesNotContain("Caused by");
    }

    @Test
    void should_report_a_bad_store_type_without_a_stack_trace() throws Exception {
        Run run = start("-Dswitchboard.store.type=cassandra");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("switchboard.store.type: unknown store \"cassandra\" (known: [memory, redis])")
                .doesNotContainPattern("(?m)^\\s+at [a-z]").doesNotContain("Caused by");
    }

    /** Runs the jar on a random port with {@code properties} until it exits (at most 60 s). */
    private static Run start(String... properties) throws Exception {
        assertThat(Files.exists(JAR)).as("packaged by the package phase").isTrue();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.http.port=0"));
        command.addAll(GatewayProcess.TEST_JVM_OPTIONS);
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = Files.createTempFile("switchboard-config-error-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("still running after 60 s: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
