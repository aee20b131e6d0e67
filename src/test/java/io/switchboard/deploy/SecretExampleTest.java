package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.kind;
import static io.switchboard.deploy.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The checked-in Secret is an example: placeholders only, and no key anywhere in k8s/ or docker/. */
class SecretExampleTest {

    /** Prefixes of real provider and cloud credentials. */
    private static final Pattern KEY_PREFIX = Pattern.compile(
            "(sk-[A-Za-z0-9_-]{8,}|sk-ant-|AIza[0-9A-Za-z_-]{10,}|ghp_[A-Za-z0-9]{10,}|xox[abprs]-|AKIA[0-9A-Z]{12,})");
    /** A long token mixing letters and digits: what a generated key looks like. */
    private static final Pattern RANDOM_TOKEN = Pattern.compile("[A-Za-z0-9_+/=-]{24,}");

    /** A JVM option's name (-XX:Tier4MinInvocationThreshold): a long mixed-case word with a digit, not a key. */
    private static final Pattern JVM_OPTION_NAME = Pattern.compile("-XX:[+-]?[A-Za-z][A-Za-z0-9]*");

    static boolean looksLikeAKey(String value) {
        if (KEY_PREFIX.matcher(value).find()) {
            return true;
        }
        Matcher token = RANDOM_TOKEN.matcher(JVM_OPTION_NAME.matcher(value).replaceAll("-XX:"));
        while (token.find()) {
            // a setting such as TrimNativeHeapInterval=1000 is a name and a value, each judged on its own
            for (String t : token.group().split("=")) {
                if (t.length() >= 24 && t.chars().anyMatch(Character::isDigit)
                        && t.chars().anyMatch(Character::isUpperCase) && t.chars().anyMatch(Character::isLowerCase)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void should_tell_a_jvm_option_from_a_key() {
        assertThat(looksLikeAKey("-XX:Tier4MinInvocationThreshold=3000 -XX:+UseCompactObjectHeaders")).isFalse();
        assertThat(looksLikeAKey("-XX:Tier4MinInvocationThreshold=Qm9ndXMxMjM0NTY3ODkwYWJjZGVm")).isTrue();
        assertThat(looksLikeAKey("TOKEN=Qm9ndXMxMjM0NTY3ODkwYWJjZGVm")).isTrue();
    }

    @Test
    void should_hold_placeholders_only_in_the_secret_example() {
        Map<String, String> values = secretValues(kind("Secret"));

        assertThat(values).isNotEmpty();
        values.forEach((key, value) -> {
            assertThat(value).as(key).matches("replace-me|changeme|<[a-z-]+>");
            assertThat(looksLikeAKey(value)).as(key).isFalse();
        });
    }

    @Test
    void should_keep_keys_out_of_every_deployment_file() throws Exception {
        List<Path> files;
        try (Stream<Path> k8s = Files.walk(Manifests.K8S).filter(Files::isRegularFile);
                Stream<Path> docker = Files.list(Manifests.DOCKER)) {
            files = Stream.concat(Stream.concat(k8s, docker), Stream.of(Path.of(".dockerignore"))).toList();
        }

        for (Path file : files) {
            List<String> lines = Manifests.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(looksLikeAKey(lines.get(i))).as(file + ":" + (i + 1) + " " + lines.get(i)).isFalse();
            }
        }
    }

    @Test
    void should_reference_keys_in_the_configmap_instead_of_holding_them() {
        Manifests.configMapProperties().forEach((name, value) -> {
            if (String.valueOf(name).endsWith("api-key") || String.valueOf(name).endsWith("api-keys")) {
                assertThat(String.valueOf(value)).as(String.valueOf(name)).matches("\\$\\{[A-Z0-9_]+}");
            }
        });
    }

    @Test
    void should_recognise_real_looking_keys() {
        // the detector itself, so that the checks above can fail
        assertThat(looksLikeAKey("sk-proj-4fQ9xT2mLw8ZbN1c")).isTrue();
        assertThat(looksLikeAKey("sk-ant-api03-abc")).isTrue();
        assertThat(looksLikeAKey("AIzaSyA1b2C3d4E5f6G7h8")).isTrue();
        assertThat(looksLikeAKey("Zq8vN2kLp0Xr7TgW4hYb9sMd")).isTrue();
        assertThat(looksLikeAKey("token=Zq8vN2kLp0Xr7TgW4hYb9sMdQ3==")).isTrue();
        assertThat(looksLikeAKey("-XX:TrimNativeHeapInterval=1000")).isFalse();
        assertThat(looksLikeAKey("replace-me")).isFalse();
        assertThat(looksLikeAKey("app.kubernetes.io/name: switchboard")).isFalse();
        assertThat(looksLikeAKey("registry.access.redhat.com/ubi9/openjdk-21-runtime:1.23")).isFalse();
    }

    private static Map<String, String> secretValues(Map<String, Object> secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.containsKey("stringData")) {
            map(secret.get("stringData")).forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        if (secret.containsKey("data")) {
            map(secret.get("data")).forEach((k, v) -> values.put(k,
                    new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
        }
        return values;
    }
}
