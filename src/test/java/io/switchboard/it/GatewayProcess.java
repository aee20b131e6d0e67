package io.switchboard.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) run as its own process on a free loopback
 * port, configured with {@code -D} properties: one gateway replica. Started in another directory, it reads
 * that directory's {@code config/application.properties}, as in a pod.
 */
final class GatewayProcess {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    /**
     * The JVM options of a test's short-lived gateway process: the first compiler tier only. The second tier's
     * compilations would take a third of the CPU time of a start-up that ends seconds later, on the two cores the
     * whole build shares.
     */
    static final List<String> TEST_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private final Map<String, String> properties;
    private final Path directory;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private Process process;

    GatewayProcess(Map<String, String> properties) throws IOException {
        this(properties, Path.of("."), Map.of());
    }

    /** Runs in {@code directory}, with the gateway's variables ({@code SWITCHBOARD_*}) only as {@code env} sets them. */
    GatewayProcess(Map<String, String> properties, Path directory, Map<String, String> env) throws IOException {
        this.properties = properties;
        this.directory = directory;
        this.env = env;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = socket.getLocalPort();
        }
        this.log = Files.createTempFile("switchboard-replica-", ".log");
    }

    /** Starts the process and waits until it is ready. */
    GatewayProcess start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m"));
        command.addAll(TEST_JVM_OPTIONS);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.shutdown.delay-enabled=false"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        builder.environment().putAll(env);
        process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("replica exited: " + Files.readString(log));
            }
            if (status("/q/health/ready") == 200) {
                return this;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("replica not ready within 60 s: " + Files.readString(log));
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private int status(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url() + path).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status;
        } catch (IOException notYet) {
            return -1;
        }
    }
}
