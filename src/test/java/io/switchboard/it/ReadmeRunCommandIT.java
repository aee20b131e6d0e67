package io.switchboard.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.switchboard.testsupport.FakeJdk;

/**
 * The README's set-up block holds exactly two commands, and its run command does what it says: it
 * skips compiling tests, runs with the built-in mock when nothing is configured, and a {@code -D} property placed
 * before {@code -jar}, as the README tells, reaches the application (a second provider configured that way
 * answers). Both start with {@code bin/with-jdk21}, and the run command works as written where the default
 * {@code java} is older than 21 and a JDK 21+ is installed beside it.
 */
class ReadmeRunCommandIT {

    private static final Pattern SET_UP = Pattern.compile("## Set-up\\n.*?```sh\\n(.*?)```", Pattern.DOTALL);
    private static final String WITH_JDK = "bin/with-jdk21 ";
    private static final Pattern RUN_JAR = Pattern.compile("&& bin/with-jdk21 java -jar (\\S+quarkus-run\\.jar)");

    @Test
    void should_apply_a_d_property_given_before_jar_when_started_with_the_readme_run_command() throws Exception {
        List<String> commands = setUpCommands();
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0))
                .startsWith(WITH_JDK + "./mvnw package -Dmaven.test.skip=true && " + WITH_JDK + "java -jar ");
        assertThat(commands.get(1)).startsWith(WITH_JDK + "./mvnw verify");
        Matcher run = RUN_JAR.matcher(commands.get(0));
        assertThat(run.find()).isTrue();

        int port = freePort();
        Path log = Path.of("target", "readme-run-command.log");
        // the machine's default java is 17; the JDK running this test is the one installed beside it
        Path old = FakeJdk.create(Files.createTempDirectory("old-java"), 17);
        ProcessBuilder builder = new ProcessBuilder(WITH_JDK.strip(), "java", "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port, "-Dswitchboard.providers.second.type=mock",
                "-Dswitchboard.providers.second.responses[0]=Configured before -jar.",
                "-jar", run.group(1))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", old.resolve("bin") + ":" + System.getenv("PATH"));
        builder.environment().put("JDK_HOMES", System.getProperty("java.home"));
        Process app = builder.start();
        try {
            Response answer = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> given().baseUri("http://127.0.0.1").port(port).contentType("application/json")
                            .queryParam("provider", "second")
                            .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                            .post("/v1/generate"), response -> response.statusCode() == 200);
            assertThat(answer.jsonPath().getString("content")).isEqualTo("Configured before -jar.");
            assertThat(answer.jsonPath().getString("metadata.provider")).isEqualTo("second");
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** The README's run command with nothing configured serves the built-in mock, the only provider there is. */
    @Test
    void should_serve_the_built_in_mock_when_nothing_is_configured() throws Exception {
        int port = freePort();
        Path log = Path.of("target", "readme-run-command-unconfigured.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-jar", "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        Process app = builder.start();
        try {
            Response answer = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> given().baseUri("http://127.0.0.1").port(port).contentType("application/json")
                            .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                            .post("/v1/generate"), response -> response.statusCode() == 200);
            assertThat(answer.jsonPath().getString("content")).isEqualTo("Hello from the mock provider.");
            assertThat(answer.jsonPath().getString("metadata.model")).isEqualTo("mock-1");
            assertThat(given().baseUri("http://127.0.0.1").port(port).get("/v1/providers").jsonPath()
                    .getList("providers.name")).containsExactly("mock");
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static List<String> setUpCommands() throws IOException {
        Matcher block = SET_UP.matcher(Files.readString(Path.of("README.md")));
        assertThat(block.find()).as("a ```sh block under ## Set-up in README.md").isTrue();
        List<String> commands = new ArrayList<>();
        for (String line : block.group(1).split("\n")) {
            if (!line.isBlank()) {
                commands.add(line.strip());
            }
        }
        return commands;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
