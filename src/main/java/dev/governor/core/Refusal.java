package dev.governor.core;

import java.util.List;

/**
 * Refusal is thrown by any layer when a request cannot be served: a stable {@link ErrorCode}, a
 * detail in words the caller can act on, one entry per bad field, cell or row, and optional details
 * (say, a diff). It knows no HTTP status: the HTTP layer gives each code its status in one table.
 */
public class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final List<?> errors;
    private final transient Object details;

    public Refusal(ErrorCode code, String detail, List<?> errors, Object details) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = List.copyOf(errors);
        this.details = details;
    }

    public Refusal(ErrorCode code, String detail) {
        this(code, detail, List.of(), null);
    }

    /** The request's fields are invalid: one entry per field. */
    public static Refusal invalid(List<FieldError> errors) {
        return new Refusal(ErrorCode.INVALID_REQUEST,
                errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid; see errors",
                errors, null);
    }

    /** One field is invalid. */
    public static Refusal invalid(String field, String code, String message) {
        return invalid(List.of(FieldError.field(field, code, message)));
    }

    /** None of the caller's roles may do this. */
    public static Refusal forbidden(String detail) {
        return new Refusal(ErrorCode.FORBIDDEN_ROLE, detail);
    }

    public ErrorCode code() {
        return code;
    }

    public List<?> errors() {
        return errors;
    }

    public Object details() {
        return details;
    }
}
