package dev.governor.http;

import java.util.List;

/**
 * ApiProblem is thrown by any layer when a request cannot be served; the HTTP layer turns it into
 * one {@code application/problem+json} answer with its status, stable code, detail and field errors.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final List<?> errors;
    private final transient Object extra;

    public ApiProblem(int status, String code, String detail, List<?> errors, Object extra) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.extra = extra;
    }

    public ApiProblem(int status, String code, String detail) {
        this(status, code, detail, List.of(), null);
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(422, "invalid_request",
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid; see errors",
                errors, null);
    }

    public static ApiProblem notFound(String code, String detail) {
        return new ApiProblem(404, code, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden_role", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<?> errors() {
        return errors;
    }

    public Object extra() {
        return extra;
    }
}
