package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.at;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization directory with a real kustomize, as {@code kubectl apply -k} does before it sends
 * anything: {@code kubectl kustomize}, or the stand-alone {@code kustomize build}. The manifests use
 * kustomize 5's fields ({@code labels}, {@code patches}); a kustomize that cannot read them fails the test.
 */
final class Kustomize {

    private Kustomize() {
    }

    /** The objects {@code kubectl apply -k directory} would apply. */
    static List<Map<String, Object>> render(Path directory) {
        List<String> command = new ArrayList<>(command());
        command.add(directory.toString());
        try {
            Path out = Files.createTempFile("kustomize-", ".yaml");
            Path err = Files.createTempFile("kustomize-", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(err));
                }
                return parse(Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every directory under k8s/ that holds a kustomization: the base, the overlays, the monitoring. */
    static List<Path> directories() {
        try (Stream<Path> paths = Files.walk(Manifests.K8S)) {
            return paths.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent)
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one rendered object of this kind and name. */
    static Map<String, Object> object(List<Map<String, Object>> objects, String kind, String name) {
        List<Map<String, Object>> found = objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(at(o, "metadata", "name"))).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The rendered objects of this kind. */
    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                objects.add(Manifests.map(document));
            }
        }
        return objects;
    }

    private static List<String> command() {
        if (onPath("kubectl")) {
            return List.of("kubectl", "kustomize");
        }
        if (onPath("kustomize")) {
            return List.of("kustomize", "build");
        }
        throw new AssertionError("neither kubectl nor kustomize is on the PATH: the Kubernetes manifests are"
                + " rendered with one of them (.ci/run says where they come from)");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
