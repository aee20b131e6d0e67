package io.switchboard.console;

import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.NonBlocking;
import io.switchboard.api.admin.AdminAccess;

/**
 * The operator console's pages at {@code /console}: server-rendered shells (Qute) whose scripts fetch everything
 * from the admin API with the admin key the operator signed in with, kept in the browser's session storage. The
 * pages hold no data and no key, and the console can do nothing the admin API does not let that key do. Without
 * admin keys configured every page says how to set one, and nothing else.
 */
@Path("/console")
public class ConsolePages {

    /** The pages after sign-in, in the order of the navigation. */
    static final Set<String> PAGES = Set.of("overview", "routes", "keys", "playground");

    private final AdminAccess access;
    private final Template signIn;
    private final Template off;
    private final Template overview;
    private final Template routes;
    private final Template keys;
    private final Template playground;

    public ConsolePages(AdminAccess access, @Location("console/sign-in.html") Template signIn,
            @Location("console/off.html") Template off, @Location("console/overview.html") Template overview,
            @Location("console/routes.html") Template routes, @Location("console/keys.html") Template keys,
            @Location("console/playground.html") Template playground) {
        this.access = access;
        this.signIn = signIn;
        this.off = off;
        this.overview = overview;
        this.routes = routes;
        this.keys = keys;
        this.playground = playground;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @NonBlocking
    public TemplateInstance signIn() {
        return access.on() ? signIn.data("page", "sign-in") : off.data("page", "off");
    }

    @GET
    @Path("/{page}")
    @Produces(MediaType.TEXT_HTML)
    @NonBlocking
    public TemplateInstance page(@PathParam("page") String page) {
        if (!PAGES.contains(page)) {
            throw new NotFoundException();
        }
        if (!access.on()) {
            return off.data("page", "off");
        }
        Template template = switch (page) {
            case "overview" -> overview;
            case "routes" -> routes;
            case "keys" -> keys;
            default -> playground;
        };
        return template.data("page", page);
    }
}
