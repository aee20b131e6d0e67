package io.switchboard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs a script of {@code src/test/js} with Node.js, so that the official npm SDKs installed there
 * ({@code ./mvnw verify} installs them in generate-test-resources) drive the gateway: {@code node <script>.mjs
 * <args>} with {@code SWITCHBOARD_URL} (the gateway's base URL) and {@code SWITCHBOARD_KEY} in its environment.
 * Each line the script prints is one JSON value. A script that fails, prints something else or runs past the
 * timeout fails the test with its stderr; a missing {@code node} or missing packages fail it with what to install.
 */
public final class NodeScript {

    private static final Path SCRIPTS = Path.of("src", "test", "js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URL baseUrl;
    private final String key;
    private Duration timeout = Duration.ofSeconds(30);

    private NodeScript(URL baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** Scripts that call the gateway at {@code baseUrl} (e.g. its {@code /v1}) with {@code key}. */
    public static NodeScript against(URL baseUrl, String key) {
        return new NodeScript(baseUrl, key);
    }

    public NodeScript timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Runs {@code src/test/js/<script>.mjs} with {@code args}; the lines it printed, read as JSON. */
    public List<JsonNode> run(String script, String... args) {
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules"))) {
            throw new AssertionError("The npm SDKs are not installed in " + SCRIPTS.toAbsolutePath()
                    + "/node_modules: run ./mvnw verify (its generate-test-resources phase installs them) or node "
                    + SCRIPTS.resolve("install.mjs"));
        }
        List<String> command = new ArrayList<>(List.of("node", script + ".mjs"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("switchboard-node-", ".out");
            Path err = Files.createTempFile("switchboard-node-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPTS.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().put("SWITCHBOARD_URL", baseUrl.toString());
                builder.environment().put("SWITCHBOARD_KEY", key);
                Process process = start(builder);
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw failure(command, "ran longer than " + timeout, err);
                }
                if (process.exitValue() != 0) {
                    throw failure(command, "exited with " + process.exitValue(), err);
                }
                return lines(command, Files.readAllLines(out, StandardCharsets.UTF_8), err);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("node is not on the PATH: the SDK tests run the official npm SDKs with Node.js 20 "
                    + "or newer; install it (apt-get install nodejs npm; .ci/run does) and run ./mvnw verify", e);
        }
    }

    private static List<JsonNode> lines(List<String> command, List<String> printed, Path err) throws IOException {
        List<JsonNode> values = new ArrayList<>();
        for (String line : printed) {
            try {
                values.add(JSON.readTree(line));
            } catch (JsonProcessingException e) {
                throw failure(command, "printed a line that is not JSON: " + line, err);
            }
        }
        return values;
    }

    private static AssertionError failure(List<String> command, String what, Path err) throws IOException {
        return new AssertionError(String.join(" ", command) + " " + what + "; its stderr:\n"
                + Files.readString(err, StandardCharsets.UTF_8));
    }
}
