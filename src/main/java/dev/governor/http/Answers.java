package dev.governor.http;

import dev.governor.core.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Answers writes every JSON answer straight to the response, serialised once into bytes (Jackson
 * recycles its own buffers). Javalin's {@code ctx.json} instead keeps the
 * answer as a result stream and copies it out through a fresh 32 KB buffer per request, which was a
 * quarter of what a price check allocated under load.
 */
public final class Answers {

    static final String JSON = "application/json";

    private Answers() {
    }

    /** 200 with the value as JSON. */
    public static void json(Context ctx, Object value) {
        write(ctx, 200, JSON, value);
    }

    /**
     * 200 with the value as JSON once {@code value} completes (its failure is answered as any other).
     * The answer is written on one of Jetty's own threads, never on the thread that completed the
     * value, so a client slow to read its answer holds up only a thread of the server's pool.
     */
    public static void jsonLater(Context ctx, CompletableFuture<?> value) {
        Executor pool = ServletContextRequest.getServletContextRequest(ctx.req()).getComponents().getExecutor();
        ctx.future(() -> value.thenAcceptAsync(answer -> json(ctx, answer), pool));
    }

    /** 201 with the value (the record just created) as JSON. */
    public static void created(Context ctx, Object value) {
        write(ctx, 201, JSON, value);
    }

    static void write(Context ctx, int status, String contentType, Object value) {
        byte[] body = Json.bytes(value);
        ctx.status(status).contentType(contentType);
        // Javalin's output stream still gzips a large answer for a client that asks for it; Jetty
        // sends the length of an answer that fits its buffer, and chunks a longer one
        try {
            ctx.outputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away before its answer was sent", e);
        }
    }
}
