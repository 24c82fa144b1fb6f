package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * TacosCap is a TACoS table row for a marketplace budget line: the highest TACoS (ad spend ÷ total
 * sales) allowed, the week's expected total sales (organic and ad-driven) at plan, and how hard a
 * shift that would break the cap speaks. It is matched against every Lines row of the line's code.
 */
public record TacosCap(BudgetLine line, int sheetRow, BigDecimal capPercent, BigDecimal weeklySales,
                       Severity severity, TableRow row) {

    public static TacosCap from(BudgetLine line, TableRow row, Severity severity) {
        return new TacosCap(line, row.sheetRow(), row.decimal("tacosCapPercent"), row.decimal("salesAmount"),
                severity, row);
    }
}
