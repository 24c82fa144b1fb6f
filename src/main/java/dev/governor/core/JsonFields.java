package dev.governor.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * JsonFields reads typed fields from one JSON object and notes one error per bad field, so a caller
 * learns about every mistake at once instead of the first one.
 */
public final class JsonFields {

    /** Most items in a list of identifiers. */
    static final int MAX_LIST = 10_000;

    private final JsonNode node;
    private final String prefix;
    private final Integer row;
    private final List<FieldError> errors;

    public JsonFields(JsonNode node, String prefix, Integer row, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.row = row;
        this.errors = errors;
    }

    public static JsonFields of(JsonNode node, List<FieldError> errors) {
        return new JsonFields(node, "", null, errors);
    }

    /** Fields of an object inside this one, reported under {@code prefix} (e.g. {@code channels[2].}). */
    public JsonFields nested(JsonNode child, String childPrefix) {
        return new JsonFields(child, prefix + childPrefix, row, errors);
    }

    public void error(String field, String code, String message) {
        errors.add(new FieldError(prefix + field, row, code, message));
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** An identifier (a SKU, channel, category, line or reference): non-empty text of at most {@link Bound#IDENTIFIER} characters. */
    public String text(String field) {
        return text(field, Bound.IDENTIFIER);
    }

    public String optionalText(String field) {
        return has(field) ? text(field) : null;
    }

    /** Free text a person writes (a note, comment or reason), at most {@link Bound#FREE_TEXT} characters; null when absent. */
    public String freeText(String field) {
        return has(field) ? text(field, Bound.FREE_TEXT) : null;
    }

    private String text(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "missing_field", "'" + field + "' is required");
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            error(field, "invalid_value", "'" + field + "' must be a non-empty string");
            return null;
        }
        String text = value.asText().trim();
        if (text.length() > maxLength) {
            error(field, "too_long", "'" + field + "' holds at most " + maxLength + " characters, not "
                    + text.length());
            return null;
        }
        return text;
    }

    /**
     * A decimal within {@code bound}; JSON numbers and numeric strings are both read exactly, and the
     * range is checked before the number is used in any way, so no exponent is ever expanded.
     */
    public BigDecimal decimal(String field, Bound bound) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "missing_field", "'" + field + "' is required");
            return null;
        }
        BigDecimal number = number(value);
        if (number == null) {
            error(field, "invalid_number", "'" + field + "' must be a number " + bound.describe());
            return null;
        }
        String refusal = bound.refusal(number);
        if (refusal != null) {
            error(field, refusal, "'" + field + "' must be " + bound.describe());
            return null;
        }
        return number;
    }

    public BigDecimal optionalDecimal(String field, Bound bound) {
        return has(field) ? decimal(field, bound) : null;
    }

    /** A whole number within {@code bound}; {@code absent} when the field is missing (null: it is required). */
    public Long whole(String field, Bound bound, Long absent) {
        if (!has(field)) {
            if (absent == null) {
                error(field, "missing_field", "'" + field + "' is required");
            }
            return absent;
        }
        BigDecimal number = decimal(field, bound);
        return number == null ? null : number.longValueExact();
    }

    /** The number a JSON value holds, a number or a short numeric string; null when it holds none. */
    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.isTextual() ? Bound.parse(value.asText().trim()) : null;
    }

    /** A date from {@link Bound#FIRST_DAY} to {@link Bound#LAST_DAY}, written as YYYY-MM-DD. */
    public LocalDate date(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        LocalDate date;
        try {
            date = value.length() == 10 ? LocalDate.parse(value) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            error(field, "invalid_date", "'" + field + "' must be a date written as YYYY-MM-DD");
            return null;
        }
        if (!Bound.inYears(date)) {
            error(field, "out_of_range", "'" + field + "' must be a date from " + Bound.FIRST_DAY + " to "
                    + Bound.LAST_DAY);
            return null;
        }
        return date;
    }

    public List<String> textList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "missing_field", "'" + field + "' is required");
            return null;
        }
        if (!value.isArray() || value.isEmpty() || value.size() > MAX_LIST) {
            error(field, "invalid_value", "'" + field + "' must be an array of 1 to " + MAX_LIST + " strings");
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank() || item.asText().trim().length() > Bound.IDENTIFIER) {
                error(field + "[" + i + "]", "invalid_value", "'" + field + "[" + i + "]' must be a non-empty string "
                        + "of at most " + Bound.IDENTIFIER + " characters");
            } else {
                items.add(item.asText().trim());
            }
        }
        return items;
    }

    /** An optional instant field of a body (ISO-8601, e.g. 2026-11-20T14:00:00Z); null when absent. */
    public static java.time.Instant instant(JsonNode body, String field) {
        if (body == null || !body.hasNonNull(field)) {
            return null;
        }
        try {
            return java.time.Instant.parse(body.get(field).asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw Refusal.invalid(List.of(FieldError.field(field, "invalid_instant",
                    "'" + field + "' must be an instant such as 2026-11-20T14:00:00Z")));
        }
    }

}
