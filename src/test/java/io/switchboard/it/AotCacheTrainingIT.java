package io.switchboard.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image's AOT cache, recorded without Docker: {@code docker/train-aot-cache.sh}, the one step of the
 * image build that records it, runs the packaged jar with the JVM options of {@code docker/Dockerfile.jvm}; the jar
 * then starts with that cache under {@code -XX:AOTMode=on} (the JVM exits instead of starting without a cache it
 * cannot use), loads the gateway's own classes from it and serves a request. Runs where the build's JDK is 25 or
 * newer, as in the image ({@code -XX:AOTCacheOutput} is 25's); a build on Java 21 skips it.
 */
class AotCacheTrainingIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path DOCKERFILE = Path.of("docker/Dockerfile.jvm");
    private static final Pattern ENV = Pattern.compile("(?m)^ENV (GC_CONTAINER_OPTIONS|JAVA_OPTS_APPEND)=\"([^\"]*)\"");

    @TempDir
    Path work;

    @Test
    void should_start_with_the_cache_the_image_build_records_and_serve() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "a JDK 25 or newer runs the build (-XX:AOTCacheOutput)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> options = imageJvmOptions();
        assertThat(options).contains("-XX:+UseSerialGC", "-Xmx128m");
        Path cache = work.resolve("app.aot");

        List<String> script = new ArrayList<>(List.of("bash", "docker/train-aot-cache.sh", cache.toString(), java));
        script.addAll(options);
        script.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Path trainingLog = work.resolve("training.log");
        ProcessBuilder training = new ProcessBuilder(script).redirectErrorStream(true)
                .redirectOutput(trainingLog.toFile());
        training.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        training.environment().put("TRAIN_PORT", String.valueOf(freePort()));
        // two rounds of every door: what this test checks is that the cache is made and used, not its coverage
        training.environment().put("TRAIN_ROUNDS", "2");
        Process trainer = training.start();
        assertThat(trainer.waitFor(180, TimeUnit.SECONDS)).as("training finished").isTrue();
        assertThat(trainer.exitValue()).as(Files.readString(trainingLog)).isZero();
        assertThat(Files.size(cache)).isPositive();

        int port = freePort();
        Path classes = work.resolve("classes.log");
        List<String> run = new ArrayList<>(List.of(java, "-XX:AOTCache=" + cache, "-XX:AOTMode=on",
                "-Xlog:class+load=info:file=" + classes));
        run.addAll(options);
        run.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.shutdown.delay-enabled=false", "-Dswitchboard.providers.cached.type=mock",
                "-Dswitchboard.providers.cached.responses[0]=Started from the AOT cache.", "-jar",
                JAR.toAbsolutePath().toString()));
        Path log = work.resolve("run.log");
        ProcessBuilder runner = new ProcessBuilder(run).redirectErrorStream(true).redirectOutput(log.toFile());
        runner.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        Process app = runner.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .failFast("exited before it was ready", () -> !app.isAlive()).ignoreExceptions()
                    .until(() -> given().port(port).get("/q/health/ready").statusCode() == 200);
            given().port(port).contentType("application/json")
                    .body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").post("/v1/generate").then()
                    .statusCode(200).body("content", equalTo("Started from the AOT cache."));
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        assertThat(Files.readString(log)).doesNotContain("[warning][aot", "[warning][cds", "[error]");
        // the gateway's own classes come from the cache, not only the JDK's
        assertThat(Files.readAllLines(classes))
                .anyMatch(line -> line.contains(" io.switchboard.lifecycle.Launcher source: shared objects file"));
    }

    /** The JVM options ({@code -X…}) the image's launcher passes: its collector and JAVA_OPTS_APPEND's options. */
    private static List<String> imageJvmOptions() throws Exception {
        List<String> options = new ArrayList<>();
        Matcher env = ENV.matcher(Files.readString(DOCKERFILE));
        boolean append = false;
        while (env.find()) {
            // the first JAVA_OPTS_APPEND is the one the cache is recorded with; the next adds the cache itself
            if (env.group(1).equals("JAVA_OPTS_APPEND")) {
                if (append) {
                    continue;
                }
                append = true;
            }
            Arrays.stream(env.group(2).split("\\s+")).filter(o -> o.startsWith("-X")).forEach(options::add);
        }
        return options;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
