package io.switchboard.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the checked-in deployment files (k8s/, docker/) from the project directory, where Maven runs
 * the tests. Nothing here knows a path or a port: the tests take them from these files. The files as
 * written; {@link Kustomize} renders them as {@code kubectl apply -k} would.
 */
final class Manifests {

    static final Path K8S = Path.of("k8s");
    /** The gateway alone; the overlays beside it (k8s/redis/) build on it. */
    static final Path BASE = K8S.resolve("base");
    static final Path DOCKER = Path.of("docker");

    private Manifests() {
    }

    /** Every YAML file of the base (k8s/base/), each with its documents, in file-name order. */
    static Map<Path, List<Map<String, Object>>> k8sFiles() {
        Map<Path, List<Map<String, Object>>> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(BASE)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                files.put(path, parse(path));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    static List<Map<String, Object>> parse(Path path) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(read(path))) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?>)) {
                throw new IllegalStateException(path + ": a document is not a mapping");
            }
            documents.add(map(document));
        }
        return documents;
    }

    /** The one object of this kind in the base's manifests. */
    static Map<String, Object> kind(String kind) {
        List<Map<String, Object>> found = k8sFiles().values().stream().flatMap(List::stream)
                .filter(d -> kind.equals(d.get("kind"))).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + kind + " in " + BASE + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The Deployment's only container. */
    static Map<String, Object> container() {
        List<Object> containers = list(at(kind("Deployment"), "spec", "template", "spec", "containers"));
        if (containers.size() != 1) {
            throw new IllegalStateException("expected one container, found " + containers.size());
        }
        return map(containers.get(0));
    }

    /** The ConfigMap's application.properties (the file kustomization.yaml generates it from). */
    static Properties configMapProperties() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(read(BASE.resolve("application.properties"))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    /** The application.properties built into the image. */
    static Properties builtInProperties() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(read(Path.of("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    static Object at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
                throw new IllegalStateException("missing " + String.join(".", keys) + " (at " + key + ")");
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return (List<Object>) node;
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(Path path) {
        return read(path).lines().toList();
    }
}
