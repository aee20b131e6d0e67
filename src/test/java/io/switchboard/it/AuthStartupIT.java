package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged application started as a process: a gateway-key list with a blank entry stops the
 * start-up naming the setting (it used to shrink to no keys and leave the API open), and the
 * start-up log says once whether the API is open or protected.
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
    void should_log_once_whether_the_api_is_open_or_protected() throws Exception {
        Run open = start();
        assertThat(open.output).containsOnlyOnce("The API is OPEN");
        Run protectedApi = start("-Dswitchboard.auth.api-keys=key-one,key-two");
        assertThat(protectedApi.output).containsOnlyOnce("The API is protected").contains("2 gateway keys")
                .doesNotContain("key-one");
    }

    record Run(boolean exited, int exitCode, String output) {
    }

    /** Starts the jar on a random port; returns when it exited or logged that it started (then stops it). */
    private static Run start(String... properties) throws Exception {
        assertThat(Files.exists(JAR)).as("packaged by the package phase").isTrue();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dquarkus.http.port=0"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
