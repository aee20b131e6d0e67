package io.switchboard.providers.ollama;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.errors.GatewayException;
import io.switchboard.gateway.spi.RequestMemo;
import io.switchboard.providers.ollama.OllamaRequestMapper.RemoteImage;
import io.switchboard.upstream.InternalAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Fetches the images Ollama cannot take by URL ({@code fetch-images}), without blocking an event
 * loop: the host is resolved on a worker thread, every address it resolves to is checked (no
 * private, loopback, link-local or otherwise internal address unless {@code fetch-images-allow-private}),
 * and the connection goes to the checked address itself, so a second DNS answer cannot swap in
 * another one. Redirects are not followed (they could point inside), and a body over
 * {@code fetch-images-max-size} is cut off. Every failure is a 400 naming the image's field.
 * <p>
 * The images belong to the request, not to an attempt: its retries and a route's other targets get the
 * first fetch's result (or failure) from the request's memo, so the limits count once per request.
 * Providers whose limits are equal share that fetch; one with other limits fetches under its own, so an
 * image let through by looser limits never reaches a provider with stricter ones.
 */
final class OllamaImageFetcher {

    /** Images of one request fetched at the same time. */
    static final int CONCURRENCY = 4;

    /**
     * What decides whether and how an image is fetched.
     *
     * @param maxBytes {@code fetch-images-max-size}
     * @param maxCount {@code fetch-images-max-count}
     * @param maxTotalBytes {@code fetch-images-max-total-size}
     * @param allowPrivate {@code fetch-images-allow-private}
     * @param connectTimeout the provider's {@code connect-timeout}
     * @param timeout the provider's {@code timeout}, for each image
     */
    record Limits(long maxBytes, int maxCount, long maxTotalBytes, boolean allowPrivate, Duration connectTimeout,
            Duration timeout) {
    }

    /** One request's fetch of its images under some limits: what the request's attempts share. */
    private record Fetch(Limits limits, List<RemoteImage> images) implements RequestMemo.Key<Map<String, String>> {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Limits limits;

    OllamaImageFetcher(Vertx vertx, Limits limits) {
        this.vertx = vertx;
        this.limits = limits;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, limits.connectTimeout().toMillis()))
                .setVerifyHost(true)
                .setDecompressionSupported(true));
    }

    /**
     * The base64 payload of every image, by URL, fetched once for the request whatever attempt asks
     * ({@code memo} is the request's).
     */
    Uni<Map<String, String>> fetchAll(List<RemoteImage> images, RequestMemo memo) {
        return memo.once(new Fetch(limits, images), () -> fetchNow(images));
    }

    /**
     * The base64 payload of every image, by URL (each URL fetched once). A request with more than
     * {@code fetch-images-max-count} images is refused before anything is fetched; at most
     * {@link #CONCURRENCY} are fetched at a time, and the first failure (an image over
     * {@code fetch-images-max-size}, or all of them together over {@code fetch-images-max-total-size})
     * stops the others.
     */
    private Uni<Map<String, String>> fetchNow(List<RemoteImage> images) {
        Map<String, RemoteImage> byUrl = new LinkedHashMap<>();
        images.forEach(image -> byUrl.putIfAbsent(image.url(), image));
        if (byUrl.size() > limits.maxCount()) {
            RemoteImage first = new ArrayList<>(byUrl.values()).get(limits.maxCount());
            return Uni.createFrom().failure(refused(first, "more than fetch-images-max-count (" + limits.maxCount()
                    + ") images to fetch in one request"));
        }
        Budget budget = new Budget(limits.maxTotalBytes());
        return Multi.createFrom().iterable(byUrl.values())
                .onItem().transformToUni(image -> fetch(image, budget).map(data -> Map.entry(image.url(), data)))
                .merge(CONCURRENCY)
                .onFailure().invoke(() -> budget.stopped = true)
                .onCancellation().invoke(() -> budget.stopped = true)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The bytes one request may still fetch, shared by its images; stopped once the request failed. */
    private static final class Budget {
        final AtomicLong left;
        volatile boolean stopped;

        Budget(long bytes) {
            this.left = new AtomicLong(bytes);
        }
    }

    private Uni<String> fetch(RemoteImage image, Budget budget) {
        URI uri;
        try {
            uri = URI.create(image.url());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(refused(image, "not a valid URL"));
        }
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        if (!ssl && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return Uni.createFrom().failure(refused(image, "must be an https: URL or a data: URI"));
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        Future<InetAddress> resolved = vertx.executeBlocking(() -> checked(image, InetAddress.getAllByName(host)), false);
        return Uni.createFrom().completionStage(resolved.toCompletionStage())
                .chain(address -> Uni.createFrom().completionStage(
                        get(image, uri, host, port, ssl, address, budget).toCompletionStage()))
                .ifNoItem().after(limits.timeout())
                .failWith(() -> refused(image, "no answer within " + limits.timeout().toSeconds() + "s"))
                .onFailure(failure -> !(failure instanceof GatewayException))
                .transform(failure -> refused(image, "could not fetch it (" + describe(failure) + ")"));
    }

    private InetAddress checked(RemoteImage image, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (!limits.allowPrivate() && InternalAddresses.isInternal(address)) {
                throw refused(image, "the host resolves to a private or loopback address, which is not fetched");
            }
        }
        return addresses[0];
    }

    private Future<String> get(RemoteImage image, URI uri, String host, int port, boolean ssl, InetAddress address,
            Budget budget) {
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(path)
                .setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
        return client.request(options).compose(request -> request.send().compose(response -> {
            if (response.statusCode() != 200) {
                request.reset();
                return Future.failedFuture(refused(image, "the server answered HTTP " + response.statusCode()));
            }
            String length = response.getHeader("Content-Length");
            if (length != null && parseLong(length) > limits.maxBytes()) {
                request.reset();
                return Future.failedFuture(tooLarge(image));
            }
            Promise<String> body = Promise.promise();
            Buffer bytes = Buffer.buffer();
            response.handler(chunk -> {
                if (body.future().isComplete()) {
                    return;
                }
                if (bytes.length() + chunk.length() > limits.maxBytes()) {
                    body.tryFail(tooLarge(image));
                    request.reset();
                    return;
                }
                if (budget.stopped) {
                    // another image failed: the answer is a 400 already, the rest is not wanted
                    body.tryFail(refused(image, "not fetched, another image failed"));
                    request.reset();
                    return;
                }
                if (budget.left.addAndGet(-chunk.length()) < 0) {
                    body.tryFail(refused(image, "the images of this request are larger than"
                            + " fetch-images-max-total-size (" + limits.maxTotalBytes() + " bytes)"));
                    request.reset();
                    return;
                }
                bytes.appendBuffer(chunk);
            });
            response.exceptionHandler(body::tryFail);
            response.endHandler(v -> body.tryComplete(Base64.getEncoder().encodeToString(bytes.getBytes())));
            return body.future();
        }));
    }

    private GatewayException tooLarge(RemoteImage image) {
        return refused(image, "the image is larger than fetch-images-max-size (" + limits.maxBytes() + " bytes)");
    }

    private static GatewayException refused(RemoteImage image, String why) {
        return GatewayException.invalidRequest(image.field() + ": " + why);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
