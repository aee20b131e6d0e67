package io.switchboard.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's {@code docker run} line is the one run command of the images (their Dockerfiles point to it), and it
 * starts: the packaged jar, run with exactly its {@code -e} settings as environment variables (no Docker here), gets
 * ready and serves the provider they configure, which needs no default model; a request that names none is a 400
 * naming {@code model}.
 */
class ReadmeDockerRunIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Pattern DOCKER_RUN = Pattern.compile("(?m)^[ \\t]*#?[ \\t]*docker run (?:.*\\\\\\n)*.*");
    private static final Pattern SETTING = Pattern.compile("-e\\s+([A-Z0-9_]+)=(\"[^\"]*\"|\\S+)");

    @Test
    void should_start_ready_with_the_settings_of_the_readme_docker_run_line() throws Exception {
        List<String> runs = DOCKER_RUN.matcher(Files.readString(Path.of("README.md"))).results()
                .map(MatchResult::group).toList();
        assertThat(runs).as("docker run lines in README.md").hasSize(1);
        for (String dockerfile : List.of("docker/Dockerfile.jvm", "docker/Dockerfile.native")) {
            String text = Files.readString(Path.of(dockerfile));
            assertThat(DOCKER_RUN.matcher(text).find()).as("a run command of its own in %s", dockerfile).isFalse();
            assertThat(text).contains("README.md, \"Container images\"");
        }
        assertThat(Files.readString(Path.of("README.md"))).contains("### Container images");

        Map<String, String> env = settings(runs.get(0));
        assertThat(env).containsKey("SWITCHBOARD_PROVIDERS_OPENAI_TYPE");
        int port = freePort();
        Path log = Files.createTempFile("switchboard-docker-run-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        Process app = builder.start();
        try {
            awaitReady(app, port, log);
            given().port(port).get("/v1/providers").then().statusCode(200)
                    .body("providers.name", equalTo(List.of("openai"))).body("default_provider", equalTo("openai"));
            given().port(port).contentType("application/json")
                    .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").post("/v1/generate").then()
                    .statusCode(400).body("error.type", equalTo("invalid_request"))
                    .body("error.message", containsString("model: required"));
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** The {@code -e NAME=VALUE} settings of a run line; a {@code "$VARIABLE"} value stands for a secret. */
    private static Map<String, String> settings(String run) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher setting = SETTING.matcher(run);
        while (setting.find()) {
            String value = setting.group(2).replace("\"", "");
            env.put(setting.group(1), value.startsWith("$") ? "placeholder-" + value.substring(1) : value);
        }
        return env;
    }

    private static void awaitReady(Process app, int port, Path log) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .failFast("exited before it was ready (see " + log + ")", () -> !app.isAlive())
                .ignoreExceptions().until(() -> given().port(port).get("/q/health/ready").statusCode() == 200);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
