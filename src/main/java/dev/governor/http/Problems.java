package dev.governor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Problems writes RFC 9457 {@code application/problem+json} answers: status, stable code, detail, and one entry per bad field. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";

    /** The detail of every 500: what failed is in the log, never in the answer. */
    static final String INTERNAL_ERROR_DETAIL = "Governor failed to answer; the failure is logged";

    /** Most characters of any one text in a problem answer. */
    static final int MAX_TEXT = 400;
    /** Most entries in a problem's list of errors; the answer says how many more there were. */
    static final int MAX_ERRORS = 1000;

    private Problems() {
    }

    /** The stable code of an error Governor did not raise itself (Jetty's, Javalin's), by its status. */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    static void write(Context ctx, int status, String code, String detail, List<?> errors, Object extra) {
        try {
            Answers.write(ctx, status, CONTENT_TYPE, body(status, code, detail, errors, extra));
        } catch (java.io.UncheckedIOException e) {
            ctx.status(500).contentType(CONTENT_TYPE).result("{\"status\":500,\"code\":\"internal_error\"}");
        }
    }

    /**
     * The answer's body. Every text in it is cut to {@link #MAX_TEXT} characters and at most
     * {@link #MAX_ERRORS} entries are listed, so no answer echoes unbounded input, whatever a
     * message quoted.
     */
    static JsonNode body(int status, String code, String detail, List<?> errors, Object extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:governor:problem:" + code);
        body.put("title", io.javalin.http.HttpStatus.forStatus(status).getMessage());
        body.put("status", status);
        body.put("code", code);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
            if (errors.size() > MAX_ERRORS) {
                body.put("errorsNotListed", errors.size() - MAX_ERRORS);
            }
        }
        if (extra != null) {
            body.put("details", extra);
        }
        JsonNode tree = Json.MAPPER.valueToTree(body);
        return bounded(tree);
    }

    /** The node with every text (values and field names) longer than {@link #MAX_TEXT} characters cut short. */
    private static JsonNode bounded(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().length() > MAX_TEXT ? TextNode.valueOf(cut(node.asText())) : node;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(bounded(item)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = Json.MAPPER.createObjectNode();
            node.fields().forEachRemaining(entry -> copy.set(cut(entry.getKey()), bounded(entry.getValue())));
            return copy;
        }
        return node;
    }

    /** At most {@link #MAX_TEXT} characters of {@code text}, marked where it was cut. */
    static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
