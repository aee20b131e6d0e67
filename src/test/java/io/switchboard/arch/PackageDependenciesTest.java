package io.switchboard.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the house style, checked by scanning imports: each backend's wire format
 * stays in its own folder, the neutral core knows no HTTP edge and no provider, and no two packages
 * depend on each other, directly or through others.
 */
class PackageDependenciesTest {

    static final Path MAIN = Path.of("src/main/java/io/switchboard");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.switchboard\\.([a-z]+)(?:\\.([a-z]+))?",
            Pattern.MULTILINE);

    record Dependency(String file, String from, String to) {
    }

    static List<Dependency> dependencies() throws IOException {
        List<Dependency> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = MAIN.relativize(file.getParent()).toString().replace('/', '.');
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    String to = matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + "." + matcher.group(2);
                    result.add(new Dependency(file.getFileName().toString(), from, to));
                }
            }
        }
        return result;
    }

    @Test
    void should_keep_each_provider_in_its_own_folder() throws IOException {
        List<Dependency> crossing = dependencies().stream()
                .filter(d -> d.from().startsWith("providers.") && d.to().startsWith("providers."))
                .filter(d -> !d.from().equals(d.to()))
                .filter(d -> !(d.to().equals("providers.openai")
                        && (d.from().equals("providers.azure") || d.from().equals("providers.vllm"))))
                .toList();
        assertThat(crossing).as("only azure and vllm may use openai's classes").isEmpty();
    }

    @Test
    void should_keep_the_core_free_of_the_http_edge_and_of_providers() throws IOException {
        List<Dependency> inward = dependencies().stream()
                .filter(d -> d.from().startsWith("core") || d.from().equals("stream") || d.from().equals("errors"))
                .filter(d -> d.to().equals("api") || d.to().startsWith("providers"))
                .toList();
        assertThat(inward).isEmpty();
    }

    @Test
    void should_keep_provider_knowledge_out_of_the_http_edge() throws IOException {
        assertThat(dependencies().stream().filter(d -> d.from().equals("api") && d.to().startsWith("providers")))
                .isEmpty();
    }

    @Test
    void should_have_no_package_cycles() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Dependency d : dependencies()) {
            if (!d.from().equals(d.to())) {
                graph.computeIfAbsent(d.from(), k -> new TreeSet<>()).add(d.to());
            }
        }
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> path = cycleThrough(start, start, graph, new ArrayList<>(List.of(start)), new HashSet<>());
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    /** A path from {@code at} back to {@code start}, or null; depth-first over the import graph. */
    private static List<String> cycleThrough(String start, String at, Map<String, Set<String>> graph, List<String> path,
            Set<String> seen) {
        for (String next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                path.add(next);
                return path;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> found = cycleThrough(start, next, graph, path, seen);
                if (found != null) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return null;
    }

    @Test
    void should_keep_the_http_client_free_of_the_configuration_classes() throws IOException {
        assertThat(dependencies().stream().filter(d -> d.from().equals("upstream") && d.to().equals("config")))
                .as("upstream gets its settings as UpstreamHttp.Settings").isEmpty();
    }

    @Test
    void should_keep_metrics_free_of_the_neutral_model() throws IOException {
        assertThat(dependencies().stream().filter(d -> d.from().equals("metrics") && d.to().startsWith("core")))
                .as("metrics take plain names and numbers").isEmpty();
    }

    @Test
    void should_have_scanned_the_code() throws IOException {
        assertThat(dependencies()).hasSizeGreaterThan(100);
    }
}
