package io.switchboard.lifecycle;

import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The class {@code java -jar quarkus-run.jar} loads first. It is compiled for Java 17, the oldest Java that
 * Quarkus's own runner starts on (pom.xml compiles it on its own), so that on Java 17 to 20 it can say
 * which Java runs and which one the application needs. Every other class is compiled for 21: loading the
 * first of them on an older Java would only fail with an {@code UnsupportedClassVersionError}. From Java 21
 * on it hands over to {@link Launcher}, which this class names only after the check, so the JVM loads it
 * only then.
 */
@QuarkusMain
public final class JavaVersionCheck {

    /** The oldest Java the application runs on (pom.xml's maven.compiler.release). */
    static final int REQUIRED = 21;

    private JavaVersionCheck() {
    }

    public static void main(String... args) {
        int running = Runtime.version().feature();
        if (running < REQUIRED) {
            System.err.println(tooOld(System.getProperty("java.version"), System.getProperty("java.home")));
            System.exit(1);
        }
        Launcher.main(args);
    }

    static String tooOld(String version, String home) {
        return "Switchboard needs Java " + REQUIRED + " or newer, and this is Java " + version + " (" + home + ").\n"
                + "Start it with a Java " + REQUIRED + " or newer, e.g. from the project directory"
                + " bin/with-jdk21 java -jar target/quarkus-app/quarkus-run.jar, which finds one in JAVA_HOME or /usr/lib/jvm.";
    }
}
