package dev.governor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.FieldError;
import dev.governor.core.Filter;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.input.BoundedInputStream;

/** Requests reads what handlers need from a request — the caller, a JSON body, ids, paging, filters — or throws an Refusal. */
public final class Requests {

    static final String USER = "governor.user";
    private static final String BODY = "governor.body";

    private Requests() {
    }

    public static User user(Context ctx) {
        User user = ctx.attribute(USER);
        if (user == null) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "send 'Authorization: Bearer <token>'");
        }
        return user;
    }

    /**
     * The body as JSON. It is parsed straight from the request stream (Javalin's {@code ctx.body()}
     * would first copy it into buffers of its own) and kept on the request, so it is read once.
     */
    public static JsonNode json(Context ctx) {
        JsonNode body = parsedBody(ctx);
        if (body.isMissingNode()) {
            throw new Refusal(ErrorCode.MALFORMED_JSON, "the request has no body; send a JSON object");
        }
        return body;
    }

    /** TooLarge says a body ran past its endpoint's limit while it was read. */
    private static final class TooLarge extends IOException {
    }

    private static JsonNode parsedBody(Context ctx) {
        JsonNode kept = ctx.attribute(BODY);
        if (kept != null) {
            return kept;
        }
        JsonNode body;
        try (InputStream in = boundedBody(ctx)) {
            body = Json.MAPPER.readTree(in);
        } catch (TooLarge e) {
            throw tooLarge(ctx);
        } catch (StreamConstraintsException e) {
            throw new Refusal(ErrorCode.JSON_TOO_COMPLEX, "the body passes a limit on JSON: "
                    + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new Refusal(ErrorCode.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new Refusal(ErrorCode.UNREADABLE_BODY, "the body could not be read: " + e.getMessage());
        }
        if (body == null) {
            body = MissingNode.getInstance();
        }
        ctx.attribute(BODY, body);
        return body;
    }

    /** The body's bytes, read up to the endpoint's limit however the body arrives (declared length or chunked). */
    public static byte[] bytes(Context ctx) {
        try (InputStream in = boundedBody(ctx)) {
            return in.readAllBytes();
        } catch (TooLarge e) {
            throw tooLarge(ctx);
        } catch (IOException e) {
            throw new Refusal(ErrorCode.UNREADABLE_BODY, "the body could not be read: " + e.getMessage());
        }
    }

    /** The request's body, bounded one byte past the endpoint's limit: a body of exactly the limit ends normally, a longer one trips it. */
    private static InputStream boundedBody(Context ctx) throws IOException {
        return BoundedInputStream.builder().setInputStream(ctx.req().getInputStream())
                .setMaxCount(HttpServer.bodyLimit(ctx.path()) + 1).setOnMaxCount((max, count) -> {
                    throw new TooLarge();
                }).get();
    }

    private static Refusal tooLarge(Context ctx) {
        return new Refusal(ErrorCode.BODY_TOO_LARGE, "the body is longer than " + HttpServer.bodyLimit(ctx.path())
                + " bytes, the most this endpoint takes");
    }

    public static JsonNode jsonObject(Context ctx) {
        JsonNode node = json(ctx);
        if (!node.isObject()) {
            throw new Refusal(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
        }
        return node;
    }

    /** The body as a JSON object, or an empty object when there is no body. */
    public static JsonNode optionalJsonObject(Context ctx) {
        return parsedBody(ctx).isMissingNode() ? Json.MAPPER.createObjectNode() : jsonObject(ctx);
    }

    /** A query parameter, or null when absent or blank. */
    public static String param(Context ctx, String name) {
        return blankToNull(ctx.queryParam(name));
    }

    public static long id(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new Refusal(ErrorCode.NOT_FOUND, "'" + id + "' is not an id");
        }
    }

    public static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Refusal.invalid(List.of(FieldError.field(name, "invalid_number", "'" + name + "' must be a whole number")));
        }
    }

    /** Listing filters: status, channel, sku, and from/to dates (inclusive, on the submission date in UTC). */
    public static Filter filter(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate from = date(ctx, "from", errors);
        LocalDate to = date(ctx, "to", errors);
        String status = blankToNull(ctx.queryParam("status"));
        List<String> statuses = List.of("APPROVED", "PENDING_APPROVAL", "REJECTED", "WITHDRAWN", "EXPIRED");
        if (status != null && !statuses.contains(status)) {
            errors.add(FieldError.field("status", "invalid_value", "status must be one of " + String.join(", ", statuses)));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return new Filter(status, blankToNull(ctx.queryParam("channel")),
                blankToNull(ctx.queryParam("sku")), from, to);
    }

    private static LocalDate date(Context ctx, String name, List<FieldError> errors) {
        String value = blankToNull(ctx.queryParam(name));
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(FieldError.field(name, "invalid_date", "'" + name + "' must be a date written as YYYY-MM-DD"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
