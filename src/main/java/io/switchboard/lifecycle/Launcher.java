package io.switchboard.lifecycle;

import io.quarkus.runtime.Quarkus;

/**
 * Starts the application. Before Quarkus starts, it turns off the HTTP server's own check of the request
 * target: that check answers a target that is no valid URI (a {@code %} not followed by two hex digits) with a
 * bare 400 before any route, so the client gets no error envelope and no request id. The gateway's filter makes
 * the same check itself and answers in the envelope ({@code io.switchboard.api.RequestTargets}). The property is
 * read once, when the server's root handler is made; a value set on the command line wins. The JVM enters
 * through {@link JavaVersionCheck}, which calls this once it has checked the Java version.
 */
public final class Launcher {

    static final String URI_VALIDATION = "vertx.disableURIValidation";

    private Launcher() {
    }

    public static void main(String... args) {
        if (System.getProperty(URI_VALIDATION) == null) {
            System.setProperty(URI_VALIDATION, "true");
        }
        Quarkus.run(args);
    }
}
