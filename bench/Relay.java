import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The floor of one more HTTP hop on this machine: a relay that does nothing but pass a stream through. Each
 * request, whatever its path and body, becomes one streaming request to the mock upstream (the body the gateway
 * would send, with the same paced-stream headers the bench sets on the gateway's providers), and the mock's bytes
 * go back to the client as they arrive. Server and client share an event loop per connection, as in the gateway.
 * What the gateway adds beyond this relay is the gateway's own work; what the relay adds to the direct path is the
 * price of the extra hop itself (an extra process, a loopback connection and a thread wake-up per chunk).
 *
 * <pre>
 *   java -cp "$(cat target/cp.txt)" bench/Relay.java PORT MOCK_PORT MOCK_PATH [EVENT_LOOPS] [HEADER=VALUE ...]
 * </pre>
 *
 * {@code GET /health} answers 200 at once (for the start-up wait).
 */
public class Relay {

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: java -cp CLASSPATH bench/Relay.java PORT MOCK_PORT MOCK_PATH [EVENT_LOOPS] [HEADER=VALUE ...]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int mockPort = Integer.parseInt(args[1]);
        String mockPath = args[2];
        int loops = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        String[] headers = java.util.Arrays.copyOfRange(args, Math.min(args.length, 4), args.length);
        Buffer body = Buffer.buffer(mockPath.endsWith("/chat/completions")
                ? "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"What is 4200 + 42?\"}],\"temperature\":0.7}"
                : "{\"model\":\"m\",\"stream\":true,\"max_tokens\":64,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is 4200 + 42?\"}]}],\"temperature\":0.7}");
        // the transport the gateway uses (Linux's epoll when the library is on the class path, as it is in target/cp.txt)
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(true));
        vertx.deployVerticle(() -> new AbstractVerticle() {
            private HttpClient client;

            @Override
            public void start(io.vertx.core.Promise<Void> started) {
                // one client per verticle (per event loop): the upstream connection is read by the same thread
                client = vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true),
                        new PoolOptions().setHttp1MaxSize(1024));
                HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setTcpNoDelay(true).setCompressionSupported(false);
                vertx.createHttpServer(options).requestHandler(this::relay).listen().<Void>mapEmpty()
                        .onComplete(started);
            }

            private void relay(HttpServerRequest in) {
                if (in.method() == HttpMethod.GET && "/health".equals(in.path())) {
                    in.response().end("ok");
                    return;
                }
                in.body().onSuccess(ignored -> {
                    RequestOptions out = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                            .setPort(mockPort).setURI(mockPath).putHeader("Content-Type", "application/json");
                    for (String header : headers) {
                        int eq = header.indexOf('=');
                        out.putHeader(header.substring(0, eq), header.substring(eq + 1));
                    }
                    client.request(out).compose(request -> request.send(body)).onSuccess(upstream -> {
                        in.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
                        upstream.handler(chunk -> in.response().write(chunk));
                        upstream.endHandler(v -> in.response().end());
                    }).onFailure(failure -> in.response().setStatusCode(502).end());
                });
            }
        }, new DeploymentOptions().setInstances(loops)).onComplete(done -> {
            if (done.failed()) {
                done.cause().printStackTrace();
                System.exit(1);
            }
            System.out.println("Relay listening on 127.0.0.1:" + port + " -> mock 127.0.0.1:" + mockPort + mockPath
                    + (vertx.isNativeTransportEnabled() ? " (epoll)" : " (NIO)"));
        });
    }
}
