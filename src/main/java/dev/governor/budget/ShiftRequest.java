package dev.governor.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.core.Bound;
import dev.governor.core.FieldError;
import dev.governor.core.JsonFields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ShiftRequest is a validated budget shift request: in an ISO week, move {@code amount} from one line
 * to another, whose marginal ROAS is {@code marginalRoas}, optionally backed by incrementality evidence
 * (a holdout, geo or budget test, with its reference and the lift it measured).
 */
record ShiftRequest(IsoWeek week, String fromLine, String toLine, BigDecimal amount, BigDecimal marginalRoas,
                    Evidence evidence, String note) {

    static final List<String> EVIDENCE_KINDS = List.of("holdout", "geo", "budget_test");

    /** Evidence is the incrementality test behind the destination's marginal ROAS. */
    record Evidence(String kind, String reference, BigDecimal measuredLiftPercent) {
    }

    /**
     * Reads a request body; every bad field is added to {@code errors}. Weeks that ended before
     * {@code today} are refused: a shift is asked before the money moves.
     */
    static Optional<ShiftRequest> parse(JsonNode body, LocalDate today, List<FieldError> errors) {
        JsonFields fields = JsonFields.of(body, errors);
        int before = errors.size();
        IsoWeek week = null;
        String weekText = fields.text("week");
        if (weekText != null) {
            week = IsoWeek.parse(weekText).orElse(null);
            if (week == null) {
                fields.error("week", "invalid_week", IsoWeek.invalid("week", weekText));
            } else if (week.sunday().isBefore(today)) {
                fields.error("week", "week_over", "week " + week + " ended on " + week.sunday()
                        + ": shifts are asked for this week or a later one");
                week = null;
            }
        }
        String fromLine = fields.text("fromLine");
        String toLine = fields.text("toLine");
        if (fromLine != null && fromLine.equals(toLine)) {
            fields.error("toLine", "same_line", "'toLine' must differ from 'fromLine' ('" + fromLine
                    + "'): a shift moves money between two lines");
        }
        BigDecimal amount = fields.decimal("amount", Bound.BUDGET_AMOUNT);
        BigDecimal roas = fields.decimal("marginalRoas", Bound.ROAS);
        Evidence evidence = null;
        if (fields.has("evidence")) {
            evidence = evidence(fields, body.get("evidence"));
        }
        String note = fields.freeText("note");
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ShiftRequest(week, fromLine, toLine, amount, roas, evidence, note));
    }

    private static Evidence evidence(JsonFields fields, JsonNode node) {
        if (!node.isObject()) {
            fields.error("evidence", "invalid_value", "'evidence' must be an object with kind, reference and "
                    + "(optionally) measuredLiftPercent");
            return null;
        }
        JsonFields inside = fields.nested(node, "evidence.");
        String kind = inside.text("kind");
        if (kind != null && !EVIDENCE_KINDS.contains(kind)) {
            inside.error("kind", "invalid_value", "'kind' must be one of " + String.join(", ", EVIDENCE_KINDS)
                    + ", not '" + kind + "'");
        }
        String reference = inside.text("reference");
        BigDecimal lift = inside.optionalDecimal("measuredLiftPercent", Bound.LIFT_PERCENT);
        return new Evidence(kind, reference, lift);
    }

    /** The request as recorded and hashed: the same request always writes the same text. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("week", week.toString());
        json.put("fromLine", fromLine);
        json.put("toLine", toLine);
        json.put("amount", amount.setScale(2).toPlainString());
        json.put("marginalRoas", marginalRoas.toPlainString());
        if (evidence != null) {
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("kind", evidence.kind());
            about.put("reference", evidence.reference());
            if (evidence.measuredLiftPercent() != null) {
                about.put("measuredLiftPercent", evidence.measuredLiftPercent());
            }
            json.put("evidence", about);
        }
        if (note != null) {
            json.put("note", note);
        }
        return json;
    }

    long amountCents() {
        return amount.movePointRight(2).longValueExact();
    }
}
