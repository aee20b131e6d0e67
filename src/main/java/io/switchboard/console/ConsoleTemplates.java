package io.switchboard.console;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;

/**
 * The console's Qute templates ({@code console-templates/} in the application), rendered by Qute's engine on its
 * own: it is built, and each template parsed, on the first console request, never at start-up (Quarkus's Qute
 * extension would build its engine and parse every template before the first request of any kind).
 */
final class ConsoleTemplates {

    private static final String HTML = "text/html";

    private final Engine engine = Engine.builder().addDefaults()
            .addResultMapper(new HtmlEscaper(List.of(HTML)))
            .addLocator(ConsoleTemplates::locate)
            .build();

    /** The page {@code template} (a file name in {@code console-templates/}) for the page named {@code page}. */
    String render(String template, String page) {
        return engine.getTemplate(template).data("page", page).render();
    }

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String path = "/console-templates/" + id;
        if (ConsoleTemplates.class.getResource(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = ConsoleTemplates.class.getResourceAsStream(path);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(new Variant(null, HTML, StandardCharsets.UTF_8.name()));
            }
        });
    }
}
