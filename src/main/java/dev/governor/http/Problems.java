package dev.governor.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Problems writes RFC 9457 {@code application/problem+json} answers: status, stable code, detail, and one entry per bad field. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";

    /** The detail of every 500: what failed is in the log, never in the answer. */
    static final String INTERNAL_ERROR_DETAIL = "Governor failed to answer; the failure is logged";

    private Problems() {
    }

    static void write(Context ctx, int status, String code, String detail, List<?> errors, Object extra) {
        try {
            Answers.write(ctx, status, CONTENT_TYPE, body(status, code, detail, errors, extra));
        } catch (java.io.UncheckedIOException e) {
            ctx.status(500).contentType(CONTENT_TYPE).result("{\"status\":500,\"code\":\"internal_error\"}");
        }
    }

    private static Map<String, Object> body(int status, String code, String detail, List<?> errors, Object extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:governor:problem:" + code);
        body.put("title", io.javalin.http.HttpStatus.forStatus(status).getMessage());
        body.put("status", status);
        body.put("code", code);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        if (extra != null) {
            body.put("details", extra);
        }
        return body;
    }
}
