package dev.governor.http;

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

    public String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "missing_field", "'" + field + "' is required");
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            error(field, "invalid_value", "'" + field + "' must be a non-empty string");
            return null;
        }
        return value.asText().trim();
    }

    public String optionalText(String field) {
        return has(field) ? text(field) : null;
    }

    /** A decimal amount; JSON numbers and numeric strings are both read exactly. */
    public BigDecimal decimal(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "missing_field", "'" + field + "' is required");
            return null;
        }
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            if (value.isTextual()) {
                return new BigDecimal(value.asText().trim());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error(field, "invalid_number", "'" + field + "' must be a number such as 21.99, not " + value);
        return null;
    }

    public BigDecimal optionalDecimal(String field) {
        return has(field) ? decimal(field) : null;
    }

    public LocalDate date(String field) {
        String value = text(field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(field, "invalid_date", "'" + field + "' must be a date written as YYYY-MM-DD, not '" + value + "'");
            return null;
        }
    }

    public List<String> textList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            error(field, "missing_field", "'" + field + "' is required");
            return null;
        }
        if (!value.isArray() || value.isEmpty()) {
            error(field, "invalid_value", "'" + field + "' must be a non-empty array of strings");
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                error(field + "[" + i + "]", "invalid_value", "'" + field + "[" + i + "]' must be a non-empty string");
            } else {
                items.add(item.asText().trim());
            }
        }
        return items;
    }
}
