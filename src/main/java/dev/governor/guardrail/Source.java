package dev.governor.guardrail;

/**
 * Source says where a finding comes from so a person can open it: the DRL rule that spoke and,
 * when a decision table supplied the numbers, the workbook, sheet and row of that table.
 */
public record Source(String rule, String workbook, String sheet, Integer row, String tableRule) {

    public static Source rule(String rule) {
        return new Source(rule, null, null, null, null);
    }

    public Source withTable(String workbook, String sheet, int row, String tableRule) {
        return new Source(rule, workbook, sheet, row, tableRule);
    }
}
