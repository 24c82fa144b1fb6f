package dev.governor.core;

/** FieldError is one bad field, cell or row of a request: where it is, a stable code and what to do about it. */
public record FieldError(String field, Integer row, String code, String message) {

    public static FieldError field(String field, String code, String message) {
        return new FieldError(field, null, code, message);
    }

    public static FieldError row(int row, String field, String code, String message) {
        return new FieldError(field, row, code, message);
    }
}
