package dev.governor.bench;

import dev.governor.core.Json;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;

/**
 * EchoServer is the load-test baseline: the same Javalin and Jackson set-up as Governor's HTTP API,
 * with one trivial route that parses a JSON body and writes it back. It lives in the benchmark
 * harness, never in the product.
 */
public final class EchoServer {

    private EchoServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7090;
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = 64L << 20;
            config.startup.showJavalinBanner = false;
            config.routes.post("/echo", ctx -> ctx.json(Json.MAPPER.readTree(ctx.body())));
        }).start(port);
        System.out.println("echo serving on http://localhost:" + app.port());
    }
}
