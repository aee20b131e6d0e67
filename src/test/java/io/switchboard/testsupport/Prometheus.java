package io.switchboard.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.List;

/** Reads {@code /q/metrics} of the application under test. */
public final class Prometheus {

    private Prometheus() {
    }

    public static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Every sample line (one per series), comments left out. */
    public static List<String> series() {
        return Arrays.stream(scrape().split("\n")).filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    /** The sample lines of one metric name. */
    public static List<String> series(String name) {
        return series().stream().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).toList();
    }
}
