package dev.governor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
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

    /**
     * The status of each code: the one table from error code to HTTP status. It is a switch without
     * a default, so a code added to the catalogue does not compile until it has its status here.
     */
    static int statusOf(ErrorCode code) {
        return switch (code) {
            case MALFORMED_JSON, JSON_TOO_COMPLEX, UNREADABLE_BODY, MALFORMED_CSV, MALFORMED_MULTIPART, INVALID_PAGING,
                    BAD_REQUEST -> 400;
            case UNAUTHENTICATED, INVALID_TOKEN -> 401;
            case FORBIDDEN_ROLE, SELF_APPROVAL, NOT_PROPOSER, UPLOADER_CANNOT_APPROVE, CODE_CHANGE_NOT_ALLOWED -> 403;
            case NOT_FOUND, PROPOSAL_NOT_FOUND, APPROVAL_NOT_FOUND, ALLOCATION_NOT_FOUND, BUDGET_SHIFT_NOT_FOUND,
                    RULESET_NOT_FOUND, FILE_NOT_FOUND, UNKNOWN_USER -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case REQUEST_TIMEOUT -> 408;
            case ALREADY_DECIDED, ALREADY_SIGNED, APPROVAL_EXPIRED, BLOCKED_ON_RECHECK, RECHECK_FAILED, CONTENT_MISMATCH,
                    NO_APPROVAL_ROUTE, NO_ALLOCATION_RULE, WEEK_OVER, CATALOG_IN_USE, CONFIRM_REMOVAL, USER_EXISTS,
                    ALREADY_REVOKED, SELF_REVOKE, ALREADY_ACTIVE, ALREADY_SCHEDULED, ALREADY_ON_VERSION_IN_FORCE,
                    NOT_A_DRAFT, NOT_A_ROLLBACK, EXAMPLES_FAILING, CODE_NOT_APPROVED, REBASE_NEEDED, REBASE_CONFLICT,
                    NO_CHANGE -> 409;
            case BODY_TOO_LARGE -> 413;
            case URI_TOO_LONG -> 414;
            case MULTIPART_EXPECTED -> 415;
            case INVALID_REQUEST, INVALID_CSV, EMPTY_BATCH, INVALID_NAME, NO_ROLES, INVALID_EXPIRY, INVALID_PASSWORD, RULESET_INVALID,
                    DRAFT_CHECK_FAILED -> 422;
            case HEADERS_TOO_LARGE -> 431;
            case INTERNAL_ERROR -> 500;
            case OVERLOADED, SHUTTING_DOWN, UNAVAILABLE -> 503;
        };
    }

    /**
     * The code of an error Governor did not raise itself (Jetty's, Javalin's), by its status: the
     * server-level code whose status it is, else the general code of its class (bad_request, internal_error).
     */
    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 408 -> ErrorCode.REQUEST_TIMEOUT;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }

    /** Answers {@code refusal} with the status of its code. */
    static void write(Context ctx, Refusal refusal) {
        write(ctx, statusOf(refusal.code()), refusal.code(), refusal.getMessage(), refusal.errors(), refusal.details());
    }

    /** Answers {@code code} with its own status. */
    static void write(Context ctx, ErrorCode code, String detail) {
        write(ctx, statusOf(code), code, detail, List.of(), null);
    }

    /** Answers an error the server raised with {@code status}, under the code that status stands for. */
    static void write(Context ctx, int status, String detail) {
        write(ctx, status, codeFor(status), detail, List.of(), null);
    }

    private static void write(Context ctx, int status, ErrorCode code, String detail, List<?> errors, Object extra) {
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
    static JsonNode body(int status, ErrorCode code, String detail, List<?> errors, Object extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:governor:problem:" + code.code());
        body.put("title", io.javalin.http.HttpStatus.forStatus(status).getMessage());
        body.put("status", status);
        body.put("code", code.code());
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
