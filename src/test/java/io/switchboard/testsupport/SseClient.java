package io.switchboard.testsupport;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that behaves like a user closing the tab: it opens {@code /v1/stream}, reads until the
 * first complete event, then hangs up. Tests then assert that the fake upstream saw its connection close.
 */
public final class SseClient {

    private SseClient() {
    }

    /** Returns the text read before hanging up (at least one whole event). */
    public static String readFirstEventThenHangUp(URI uri, String body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder read = new StringBuilder();
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[256];
            int n;
            // keep-alive comments may come first: read until one whole event
            while (!hasWholeEvent(read) && (n = in.read(buffer)) > 0) {
                read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        }
        client.shutdownNow();
        return read.toString();
    }

    private static boolean hasWholeEvent(StringBuilder read) {
        int event = read.indexOf("event:");
        return event >= 0 && read.indexOf("\n\n", event) > 0;
    }
}
