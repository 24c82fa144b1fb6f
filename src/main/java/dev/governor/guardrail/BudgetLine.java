package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * BudgetLine is a Lines table row that plans a media budget line in a week: the line's code, engine
 * and media channel; its weekly plan and the fixed share of it that cannot move; the largest share of
 * the plan that may move out in one week; the shift above which incrementality evidence is needed;
 * its contribution margin and the safety factor on the break-even ROAS it sets; and how hard each of
 * its findings speaks. {@code sheetRow} orders the rows: the first row that plans a line decides.
 */
public record BudgetLine(BudgetWeek week, int sheetRow, String line, String engine, String mediaChannel,
                         BigDecimal plan, BigDecimal fixedPercent, BigDecimal maxShiftPercent,
                         BigDecimal evidenceAmount, BigDecimal cmPercent, BigDecimal safetyFactor,
                         Severity fixedSeverity, Severity shiftSeverity, Severity evidenceSeverity,
                         Severity breakevenSeverity, TableRow row) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static BudgetLine from(BudgetWeek week, TableRow row, Severity fixedSeverity) {
        return new BudgetLine(week, row.sheetRow(), row.text("line"), week.engine(), row.text("mediaChannel"),
                row.decimal("planAmount"), row.decimal("fixedPercent"), row.decimal("maxShiftPercent"),
                row.decimal("evidenceAmount"), row.decimal("cmPercent"), row.decimal("safetyFactor"), fixedSeverity,
                Severity.valueOf(row.text("shiftSeverity")), Severity.valueOf(row.text("evidenceSeverity")),
                Severity.valueOf(row.text("breakevenSeverity")), row);
    }

    /** The part of the plan that cannot move. */
    public BigDecimal fixed() {
        return plan.multiply(fixedPercent).divide(HUNDRED);
    }

    /** The part of the plan that may move: plan less fixed. */
    public BigDecimal flex() {
        return plan.subtract(fixed());
    }

    /** The most that may move out of the line in one week. */
    public BigDecimal maxShift() {
        return plan.multiply(maxShiftPercent).divide(HUNDRED);
    }
}
