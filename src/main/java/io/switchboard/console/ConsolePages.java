package io.switchboard.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.switchboard.api.admin.AdminAccess;

/**
 * The operator console's pages at {@code /console}: server-rendered shells ({@link ConsoleTemplates}) whose scripts fetch
 * everything
 * from the admin API with the admin key the operator signed in with, kept in the browser's session storage. The
 * pages hold no data and no key, and the console can do nothing the admin API does not let that key do. Without
 * admin keys configured every page says how to set one, and nothing else.
 * <p>
 * Its scripts and styles are served here too, so that every answer under {@code /console} carries the same
 * security headers and no other request pays for them: scripts only from the gateway's own files (no inline
 * script, so no injected one runs), calls only to its own origin, no framing, no referrer, nothing cached.
 */
@Path("/console")
public class ConsolePages {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** The pages after sign-in, each a template of the same name. */
    static final Set<String> PAGES = Set.of("overview", "routes", "keys", "playground");

    /** The console's own scripts and styles, by file name, with their media type. */
    static final Map<String, String> ASSETS = Map.of("console.css", "text/css", "console.js", "text/javascript",
            "overview.js", "text/javascript", "routes.js", "text/javascript", "keys.js", "text/javascript",
            "playground.js", "text/javascript");

    private final AdminAccess access;
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    public ConsolePages(AdminAccess access) {
        this.access = access;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public RestResponse<String> signIn() {
        return render("sign-in", "sign-in.html");
    }

    @GET
    @Path("/{page}")
    @Produces(MediaType.TEXT_HTML)
    public RestResponse<String> page(@PathParam("page") String page) {
        if (!PAGES.contains(page)) {
            throw new NotFoundException();
        }
        return render(page, page + ".html");
    }

    /** A page, or without admin keys the one that says how to set them. Rendered on a worker thread. */
    private RestResponse<String> render(String page, String template) {
        String html = access.on() ? Templates.INSTANCE.render(template, page)
                : Templates.INSTANCE.render("off.html", "off");
        return secured(RestResponse.ResponseBuilder.ok(html, MediaType.TEXT_HTML + ";charset=UTF-8").build());
    }

    /** The templates, built on the first page asked for (a class is initialised when first used). */
    private static final class Templates {
        static final ConsoleTemplates INSTANCE = new ConsoleTemplates();
    }

    /** A script or style sheet of the console; read from the application once (on a worker thread), then kept. */
    @GET
    @Path("/assets/{file}")
    public RestResponse<byte[]> asset(@PathParam("file") String file) {
        String type = ASSETS.get(file);
        if (type == null) {
            throw new NotFoundException();
        }
        byte[] content = assets.computeIfAbsent(file, ConsolePages::read);
        return secured(RestResponse.ResponseBuilder.ok(content, type + ";charset=UTF-8").build());
    }

    private static byte[] read(String file) {
        try (InputStream in = ConsolePages.class.getResourceAsStream("/console-assets/" + file)) {
            if (in == null) {
                throw new IllegalStateException("console-assets/" + file + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> RestResponse<T> secured(RestResponse<T> answer) {
        var headers = answer.getHeaders();
        headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Cache-Control", "no-store");
        return answer;
    }
}
