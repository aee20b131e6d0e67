import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Time from spawning the gateway to its first successful proxied {@code POST /v1/generate}.
 *
 * <pre>
 *   java bench/Startup.java RUNS PORT LOG_FILE COMMAND [ARGS...]
 * </pre>
 *
 * Runs {@code COMMAND} {@code RUNS} times. The clock starts just before the process is spawned; from
 * then on a request is tried every 5 ms (connection refused, or any answer but 200, means "not yet"),
 * and the clock stops at the first 200. Also reads, at that moment, the CPU time the process used
 * ({@code utime + stime}; on two cores it can exceed the wall time) and its resident memory. The
 * process is then killed. Prints each run, the median/min/max, and a last line
 * {@code STARTUP_RESULT ...} for run.sh.
 *
 * <p>The CPU time is also split by thread: the JVM's main thread (its Linux name is {@code java}; it
 * creates the JVM, maps the AOT cache and runs the application's start, none of which can be spread
 * over cores), the JIT's compiler threads, and all others (the first request runs on an event loop).
 * On two cores these say what sets the floor: the main thread's share is serial, and the compilers
 * take the second core while it runs.
 */
public class Startup {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java bench/Startup.java RUNS PORT LOG_FILE COMMAND [ARGS...]");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        int port = Integer.parseInt(args[1]);
        File log = new File(args[2]);
        List<String> command = List.of(args).subList(3, args.length);
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"What is 4+2?\"}]}";
        byte[] request = ("POST /v1/generate HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        long hz = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux
        double[] wall = new double[runs], cpu = new double[runs], rss = new double[runs];
        double[] mainCpu = new double[runs], jitCpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log));
            long start = System.nanoTime();
            Process p = pb.start();
            try {
                while (!ready(port, request)) {
                    if (!p.isAlive()) {
                        throw new IOException("the gateway exited with " + p.exitValue() + " while starting; see " + log);
                    }
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
                        throw new IOException("not ready after 120 s; see " + log);
                    }
                    Thread.sleep(5);
                }
                wall[r] = (System.nanoTime() - start) / 1e6;
                cpu[r] = cpuMs(Path.of("/proc/" + p.pid() + "/stat"), hz);
                double[] byThread = cpuByThread(p.pid(), hz);
                mainCpu[r] = byThread[0];
                jitCpu[r] = byThread[1];
                rss[r] = Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst().orElse(0) / 1024.0;
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            System.out.printf(Locale.ROOT, "run %d: ready in %.0f ms (CPU %.0f ms: main thread %.0f, JIT compilers %.0f; RSS %.0f MB)%n",
                    r + 1, wall[r], cpu[r], mainCpu[r], jitCpu[r], rss[r]);
            Thread.sleep(300);
        }
        System.out.printf(Locale.ROOT,
                "STARTUP_RESULT median_ms=%.0f min_ms=%.0f max_ms=%.0f cpu_ms=%.0f main_cpu_ms=%.0f jit_cpu_ms=%.0f rss_mb=%.0f%n",
                median(wall), Arrays.stream(wall).min().orElse(0), Arrays.stream(wall).max().orElse(0), median(cpu),
                median(mainCpu), median(jitCpu), median(rss));
    }

    /**
     * CPU time in ms so far of the process's main thread ({@code java}, the launcher's idle first thread
     * included) and of its JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}).
     */
    static double[] cpuByThread(long pid, long hz) throws IOException {
        double main = 0, jit = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String name;
                double ms;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                    ms = cpuMs(task.resolve("stat"), hz);
                } catch (IOException gone) { // a thread that ended meanwhile
                    continue;
                }
                if (name.equals("java")) {
                    main += ms;
                } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    jit += ms;
                }
            }
        }
        return new double[] {main, jit};
    }

    /** CPU time in ms ({@code utime + stime}) from a process's or a thread's {@code stat} file. */
    static double cpuMs(Path stat, long hz) throws IOException {
        // after the command name, which may hold spaces, "(name) "; utime and stime are then fields 11 and 12
        String[] fields = Files.readString(stat).split("\\) ", 2)[1].split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / hz;
    }

    /** One attempt: true when the gateway answered 200. */
    static boolean ready(int port, byte[] request) {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
