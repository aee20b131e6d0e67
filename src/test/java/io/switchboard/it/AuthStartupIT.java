package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged application started as a process: a gateway-key list with a blank entry, or one that
 * resolves to nothing (an unset or empty environment variable), stops the start-up naming the setting
 * (either used to leave the API open), and the start-up log says once whether the API is open or protected.
 */
class AuthStartupIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @Test
    void should_refuse_to_start_with_a_blank_gateway_key() throws Exception {
        for (String keys : List.of(" , ", "key-one, ,key-two", "key-one,")) {
            Run run = start("-Dswitchboard.auth.api-keys=" + keys);
            assertThat(run.exited).as("exited for %s", keys).isTrue();
            assertThat(run.exitCode).isNotZero();
            assertThat(run.output).contains("switchboard.auth.api-keys: entry").contains("is blank")
                    .doesNotContain("key-one");
        }
    }

    @Test
    void should_refuse_to_start_when_a_key_list_resolves_to_nothing() throws Exception {
        Map<String, String> unset = Map.of();
        for (Map<String, String> env : List.of(unset, Map.of("SWITCHBOARD_GATEWAY_KEYS", ""))) {
            Run run = start(env, "-Dswitchboard.auth.api-keys=${SWITCHBOARD_GATEWAY_KEYS}");
            assertThat(run.exited).as("exited with %s", env).isTrue();
            assertThat(run.exitCode).isNotZero();
            assertThat(run.output).contains("switchboard.auth.api-keys: set to ${SWITCHBOARD_GATEWAY_KEYS}")
                    .contains("but empty").doesNotContain("The API is OPEN");
        }
        Run admin = start(unset, "-Dswitchboard.auth.api-keys=key-one",
                "-Dswitchboard.auth.admin-keys=${SWITCHBOARD_ADMIN_KEYS}");
        assertThat(admin.exited).isTrue();
        assertThat(admin.exitCode).isNotZero();
        assertThat(admin.output).contains("switchboard.auth.admin-keys: set to ${SWITCHBOARD_ADMIN_KEYS}")
                .doesNotContain("key-one");
    }

    /** The shipped Kubernetes configuration, where a Secret without gateway keys used to leave the API open. */
    @Test
    void should_refuse_to_start_the_kubernetes_configuration_without_gateway_keys() throws Exception {
        // the pod's layout: the ConfigMap's file at config/application.properties under the working directory
        Path pod = Files.createTempDirectory("switchboard-pod");
        Files.createDirectory(pod.resolve("config"));
        Files.copy(Path.of("k8s", "base", "application.properties"), pod.resolve("config").resolve("application.properties"));
        Run run = startIn(pod, Map.of("OPENAI_API_KEY", "placeholder", "ANTHROPIC_API_KEY", "placeholder",
                "SWITCHBOARD_GATEWAY_KEYS", ""));

        assertThat(run.exited).isTrue();
        assertThat(run.exitCode).isNotZero();
        assertThat(run.output).contains("switchboard.auth.api-keys: set to ${SWITCHBOARD_GATEWAY_KEYS}");
    }

    @Test
    void should_log_once_whether_the_api_is_open_or_protected() throws Exception {
        // both at once: a start that gets as far as serving waits on more than the CPU, so two overlap well
        CompletableFuture<Run> starting = CompletableFuture.supplyAsync(() -> unchecked(AuthStartupIT::start));
        Run protectedApi = start("-Dswitchboard.auth.api-keys=key-one,key-two");
        Run open = starting.join();
        assertThat(open.output).containsOnlyOnce("The API is OPEN");
        assertThat(protectedApi.output).containsOnlyOnce("The API is protected").contains("2 gateway keys")
                .doesNotContain("key-one");
    }

    record Run(boolean exited, int exitCode, String output) {
    }

    private static Run unchecked(Callable<Run> start) {
        try {
            return start.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run start(String... properties) throws Exception {
        return start(Map.of(), properties);
    }

    private static Run start(Map<String, String> env, String... properties) throws Exception {
        return startIn(Path.of("."), env, properties);
    }

    /**
     * Starts the jar on a random port in {@code directory}, with the gateway's key variables set only as
     * {@code env} says; returns when it exited or logged that it started (then stops it).
     */
    private static Run startIn(Path directory, Map<String, String> env, String... properties) throws Exception {
        assertThat(Files.exists(JAR)).as("packaged by the package phase").isTrue();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dquarkus.http.port=0"));
        command.addAll(GatewayProcess.TEST_JVM_OPTIONS);
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains("started in")) {
                    break;
                }
            }
        }
        boolean started = output.toString().contains("started in");
        if (started) {
            process.destroy();
        }
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        boolean exited = ended && !started;
        return new Run(exited, exited ? process.exitValue() : 0, output.toString());
    }
}
