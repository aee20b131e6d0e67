package io.switchboard.api.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testsupport.OpenApiContract;
import io.switchboard.testsupport.OpenWithAdminKey;

/**
 * What every route store does with admin writes, over HTTP: the limits of a runtime route (its fields, its size,
 * how many there are) answered with a 400 or 409 naming the setting; numbers checked on write, weights included;
 * an {@code ETag} on every answer and {@code If-Match} honoured (412); and concurrent writes that lose nothing: two
 * patches of different fields both land, a patch racing a delete never brings the route back. Each store's test
 * runs it with {@code switchboard.store.max-routes=8} and the other limits at their defaults.
 */
abstract class RouteWritesContract {

    static final String ADMIN_KEY = OpenWithAdminKey.ADMIN_KEY;
    static final int MAX_ROUTES = OpenWithAdminKey.MAX_ROUTES;
    static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static final String ENTITY_TAG = "\"[0-9a-f]{16}\"";

    static RequestSpecification admin() {
        return given().filter(OpenApiContract.filter()).header("Authorization", "Bearer " + ADMIN_KEY)
                .contentType("application/json");
    }

    /** For deliberately invalid requests: only the answer is checked against the contract. */
    static RequestSpecification adminUnchecked() {
        return given().filter(OpenApiContract.filter().withoutRequestValidation())
                .header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/json");
    }

    final List<String> created = Collections.synchronizedList(new ArrayList<>());

    String route(String name, String body) {
        admin().body(body).put("/v1/routes/" + name).then().statusCode(201);
        created.add(name);
        return name;
    }

    @AfterEach
    void deleteCreatedRoutes() {
        created.addAll(List.of("limits-room", "tagged-room"));
        for (String name : created) {
            admin().delete("/v1/routes/" + name);
        }
        created.clear();
    }

    @Test
    void should_refuse_a_system_prompt_over_the_limit_naming_the_setting() {
        String prompt = "x".repeat(100_000);
        expect400("{\"targets\": [\"echo\"], \"system_prompt\": \"" + prompt + "\"}",
                "system_prompt: longer than switchboard.store.max-system-prompt-chars (8192 characters)");
        admin().get("/v1/routes/limits-room").then().statusCode(404);
        // at the limit it is taken
        route("limits-room", "{\"targets\": [\"echo\"], \"system_prompt\": \"" + "x".repeat(8192) + "\"}");
    }

    @Test
    void should_refuse_too_many_targets_or_tools_and_a_route_over_the_size_limit() {
        String targets = String.join(",", Collections.nCopies(17, "\"echo\""));
        expect400("{\"targets\": [" + targets + "]}", "targets: 17 entries, more than switchboard.store.max-targets (16)");
        expect400("{\"targets\": [\"echo\"], \"context_overflow_targets\": [" + targets + "]}",
                "context_overflow_targets: 17 entries, more than switchboard.store.max-targets (16)");
        StringBuilder tools = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            tools.append(i == 0 ? "" : ",").append("{\"name\": \"t").append(i).append("\"}");
        }
        expect400("{\"targets\": [\"echo\"], \"tools\": [" + tools + "]}",
                "tools: 33 entries, more than switchboard.store.max-tools (32)");

        // each field within its limit, the whole over switchboard.store.max-route-size (16 KiB)
        StringBuilder large = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            large.append(i == 0 ? "" : ",").append("{\"name\": \"t").append(i).append("\", \"description\": \"")
                    .append("d".repeat(3000)).append("\"}");
        }
        Response response = adminUnchecked().body("{\"targets\": [\"echo\"], \"system_prompt\": \"" + "p".repeat(8000)
                + "\", \"tools\": [" + large + "]}").put("/v1/routes/limits-room");
        response.then().statusCode(400).body("error.type", equalTo("invalid_request"));
        assertThat(response.jsonPath().getString("error.message")).matches(
                "body: \\d+ bytes as stored, more than switchboard\\.store\\.max-route-size \\(16384 bytes\\)");
        admin().get("/v1/routes/limits-room").then().statusCode(404);
    }

    @Test
    void should_refuse_a_new_route_past_max_routes_with_409_and_still_replace_one() {
        // the store may hold routes written around the API (the Redis test seeds some): fill what is left
        int status = 0;
        String last = null;
        for (int i = 0; i <= MAX_ROUTES && status != 409; i++) {
            last = "count-" + i;
            Response response = admin().body("{\"targets\": [\"echo\"]}").put("/v1/routes/" + last);
            status = response.statusCode();
            if (status == 201) {
                created.add(last);
            } else {
                response.then().statusCode(409).body("error.type", equalTo("conflict")).body("error.message",
                        equalTo("route \"" + last + "\" not created: the store holds switchboard.store.max-routes ("
                                + MAX_ROUTES + ") runtime routes already"));
            }
        }
        assertThat(status).as("a create past %d routes", MAX_ROUTES).isEqualTo(409);
        admin().get("/v1/routes/" + last).then().statusCode(404);
        // a full store still takes changes to its routes, and a new one once one is deleted
        String existing = created.get(0);
        admin().body("{\"targets\": [\"mock\"]}").put("/v1/routes/" + existing).then().statusCode(200);
        admin().contentType("application/merge-patch+json").body("{\"muted\": true}").patch("/v1/routes/" + existing)
                .then().statusCode(200);
        admin().delete("/v1/routes/" + existing).then().statusCode(204);
        admin().body("{\"targets\": [\"echo\"]}").put("/v1/routes/" + last).then().statusCode(201);
        created.add(last);
    }

    @Test
    void should_refuse_weights_out_of_range_and_serve_the_largest() {
        expect400("{\"targets\": [\"echo\", \"mock\"], \"strategy\": \"weighted\", \"weights\": [2000000000, 2000000000]}",
                "weights[0]: must be a whole number from 0 to 1000000, got 2000000000");
        expect400("{\"targets\": [\"echo\", \"mock\"], \"strategy\": \"weighted\", \"weights\": [1, -1]}",
                "weights[1]: must be a whole number from 0 to 1000000, got -1");
        Response overflow = adminUnchecked().body(
                "{\"targets\": [\"echo\", \"mock\"], \"strategy\": \"weighted\", \"weights\": [1, 3000000000]}")
                .put("/v1/routes/limits-room");
        overflow.then().statusCode(400).body("error.type", equalTo("invalid_request"));
        assertThat(overflow.jsonPath().getString("error.message")).startsWith("weights[1]: ");
        admin().get("/v1/routes/limits-room").then().statusCode(404);

        String targets = String.join(",", Collections.nCopies(16, "\"echo\""));
        String weights = String.join(",", Collections.nCopies(16, "1000000"));
        route("limits-room", "{\"targets\": [" + targets + "], \"strategy\": \"weighted\", \"weights\": [" + weights
                + "]}");
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body(HELLO).post("/v1/generate?provider=limits-room").then()
                    .statusCode(200).body("metadata.provider", equalTo("echo"));
        }
    }

    @Test
    void should_name_the_field_of_a_number_out_of_range() {
        expect400("{\"targets\": [\"echo\"], \"temperature\": 1e400}", "temperature: must be between 0 and 2, got Infinity");
        expect400("{\"targets\": [\"echo\"], \"max_tokens\": -5}", "max_tokens: must be at least 1, got -5");
        expect400("{\"targets\": [\"echo\"], \"thinking_budget\": -1}", "thinking_budget: must not be negative, got -1");
        Response tooLarge = adminUnchecked().body("{\"targets\": [\"echo\"], \"max_tokens\": 99999999999}")
                .put("/v1/routes/limits-room");
        tooLarge.then().statusCode(400).body("error.type", equalTo("invalid_request"));
        assertThat(tooLarge.jsonPath().getString("error.message")).startsWith("max_tokens: ");
    }

    @Test
    void should_answer_with_an_etag_that_changes_on_each_write() {
        String first = admin().body("{\"targets\": [\"echo\"], \"temperature\": 0.5}").put("/v1/routes/tagged-room")
                .then().statusCode(201).header("ETag", matchesPattern(ENTITY_TAG)).extract().header("ETag");
        admin().get("/v1/routes/tagged-room").then().statusCode(200).header("ETag", first);
        String second = admin().contentType("application/merge-patch+json").body("{\"temperature\": 0.7}")
                .patch("/v1/routes/tagged-room").then().statusCode(200).header("ETag", matchesPattern(ENTITY_TAG))
                .extract().header("ETag");
        assertThat(second).isNotEqualTo(first);
        admin().get("/v1/routes/tagged-room").then().header("ETag", second);
        String third = admin().body("{\"targets\": [\"mock\"]}").put("/v1/routes/tagged-room").then().statusCode(200)
                .extract().header("ETag");
        assertThat(third).isNotIn(first, second).matches(ENTITY_TAG);
        // the configuration file's routes are read-only here, and carry none
        admin().get("/v1/routes/assistant").then().statusCode(200).header("ETag", nullValue());
    }

    @Test
    void should_answer_412_when_if_match_is_not_the_current_etag() {
        String old = admin().body("{\"targets\": [\"echo\"], \"max_tokens\": 100}").put("/v1/routes/tagged-room")
                .then().statusCode(201).extract().header("ETag");
        String current = admin().contentType("application/merge-patch+json").body("{\"max_tokens\": 200}")
                .patch("/v1/routes/tagged-room").then().statusCode(200).extract().header("ETag");

        admin().header("If-Match", old).contentType("application/merge-patch+json").body("{\"max_tokens\": 300}")
                .patch("/v1/routes/tagged-room").then().statusCode(412).body("error.type", equalTo("conflict"))
                .body("error.message", equalTo("route \"tagged-room\" does not match If-Match: it changed (or was "
                        + "deleted) since its ETag was read; read it again"));
        admin().header("If-Match", old).body("{\"targets\": [\"mock\"]}").put("/v1/routes/tagged-room").then()
                .statusCode(412);
        admin().header("If-Match", old).delete("/v1/routes/tagged-room").then().statusCode(412);
        admin().header("If-Match", "W/" + current).delete("/v1/routes/tagged-room").then().statusCode(412);
        admin().get("/v1/routes/tagged-room").then().statusCode(200).body("max_tokens", equalTo(200))
                .body("targets", equalTo(List.of("echo")));

        String next = admin().header("If-Match", current).contentType("application/merge-patch+json")
                .body("{\"max_tokens\": 300}").patch("/v1/routes/tagged-room").then().statusCode(200)
                .body("max_tokens", equalTo(300)).extract().header("ETag");
        admin().header("If-Match", "*").body("{\"targets\": [\"echo\"], \"max_tokens\": 400}")
                .put("/v1/routes/tagged-room").then().statusCode(200);
        admin().header("If-Match", next).delete("/v1/routes/tagged-room").then().statusCode(412);
        String latest = admin().get("/v1/routes/tagged-room").then().extract().header("ETag");
        admin().header("If-Match", latest).delete("/v1/routes/tagged-room").then().statusCode(204);
        // If-Match on a route that does not exist: a PUT would create it, so the condition fails
        admin().header("If-Match", "*").body("{\"targets\": [\"echo\"]}").put("/v1/routes/tagged-room").then()
                .statusCode(412);
        admin().get("/v1/routes/tagged-room").then().statusCode(404);
        adminUnchecked().header("If-Match", latest + ", " + old).delete("/v1/routes/tagged-room").then()
                .statusCode(400).body("error.message", equalTo("If-Match: one entity tag (as the ETag of the route) or *"));
    }

    @Test
    void should_lose_neither_of_two_concurrent_patches_of_different_fields() throws Exception {
        for (int trial = 0; trial < 30; trial++) {
            String name = route("race-" + trial, "{\"targets\": [\"echo\"], \"temperature\": 0.5, \"max_tokens\": 100}");
            List<Integer> statuses = together(() -> patch(name, "{\"temperature\": 0.1}"),
                    () -> patch(name, "{\"max_tokens\": 7}"));
            assertThat(statuses).as("trial %d", trial).containsExactly(200, 200);
            admin().get("/v1/routes/" + name).then().statusCode(200).body("temperature", equalTo(0.1f))
                    .body("max_tokens", equalTo(7));
            admin().delete("/v1/routes/" + name).then().statusCode(204);
        }
    }

    @Test
    void should_never_leave_a_route_that_a_delete_raced_with_a_patch() throws Exception {
        for (int trial = 0; trial < 40; trial++) {
            String name = route("race-" + trial, "{\"targets\": [\"echo\"]}");
            List<Integer> statuses = together(() -> given().header("Authorization", "Bearer " + ADMIN_KEY)
                    .delete("/v1/routes/" + name).statusCode(), () -> patch(name, "{\"muted\": true}"));
            assertThat(statuses.get(0)).as("delete, trial %d", trial).isEqualTo(204);
            assertThat(statuses.get(1)).as("patch, trial %d", trial).isIn(200, 404);
            admin().get("/v1/routes/" + name).then().statusCode(404);
        }
        given().contentType("application/json").body(HELLO).post("/v1/generate?provider=race-39").then()
                .statusCode(404);
    }

    static int patch(String name, String body) {
        return given().header("Authorization", "Bearer " + ADMIN_KEY).contentType("application/merge-patch+json")
                .body(body).patch("/v1/routes/" + name).statusCode();
    }

    /** Runs both calls at once (released by one barrier), returning their answers' statuses in order. */
    @SafeVarargs
    static List<Integer> together(Callable<Integer>... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        try (ExecutorService threads = Executors.newFixedThreadPool(calls.length)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.call();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(30, TimeUnit.SECONDS));
            }
            return statuses;
        }
    }

    static void expect400(String body, String message) {
        Response response = adminUnchecked().body(body).put("/v1/routes/limits-room");
        response.then().statusCode(400).body("error.type", equalTo("invalid_request"));
        assertThat(response.jsonPath().getString("error.message")).isEqualTo(message);
    }
}
