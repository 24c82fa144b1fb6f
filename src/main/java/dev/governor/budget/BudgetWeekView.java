package dev.governor.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * BudgetWeekView is one week of media budget: each line as the tables in force plan it, with what
 * shifts moved in and out and what remains of its flex, and totals; shifts that moved between
 * engines are counted apart, for the weekly review. Shifts recorded on a line the tables in force no
 * longer plan that week are listed apart, so no recorded move drops out of sight.
 */
public record BudgetWeekView(String week, LocalDate monday, LocalDate sunday, String rulesetVersion,
                             List<WeekLine> lines, Totals totals, List<UnplannedShift> shiftsOnUnplannedLines) {

    /** UnplannedShift is an approved or pending shift from or to a line the Lines sheet no longer plans. */
    public record UnplannedShift(long id, String fromLine, String toLine, BigDecimal amount, String status) {
    }

    /** Totals are the week's figures over all lines. */
    public record Totals(BigDecimal plan, BigDecimal flex, BigDecimal moved, BigDecimal movedAcrossEngines,
                         BigDecimal held, BigDecimal remaining, int shiftsApproved, int shiftsPending) {
    }
}
