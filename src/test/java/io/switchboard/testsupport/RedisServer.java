package io.switchboard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis for tests: Debian's {@code redis-server} on a free loopback port, with its data (append-only
 * file) in a temporary directory, so that it can be stopped and started again with its data, like a Redis
 * that restarts. {@code .ci/run} installs the package when it is missing.
 */
public final class RedisServer {

    private final Path dir;
    private final int port;
    private Process process;

    public RedisServer() {
        try {
            this.dir = Files.createTempDirectory("switchboard-redis");
            this.port = freePort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a Redis directory", e);
        }
    }

    public synchronized RedisServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> command = List.of("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--dir", dir.toString(), "--appendonly", "yes", "--save", "", "--daemonize", "no",
                "--protected-mode", "yes", "--logfile", dir.resolve("redis.log").toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server not found: install it (apt-get install redis-server; "
                    + ".ci/run does) to run the Redis store tests", e);
        }
        awaitPong();
        return this;
    }

    /** Stops the server (its data stays in the directory, for {@link #start()}). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the server and removes its data. */
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** One command over RESP, for checks that must not go through the gateway; returns the raw reply. */
    public String command(String... args) {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                    .append("\r\n");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            int read = in.read(buffer);
            return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Redis on port " + port + " does not answer", e);
        }
    }

    private void awaitPong() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ", see "
                        + dir.resolve("redis.log"));
            }
            try {
                if (command("PING").startsWith("+PONG")) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("redis-server did not answer PING within 15 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
