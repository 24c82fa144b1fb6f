package dev.governor.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * BudgetWeekView is one week of media budget: each line as the tables in force plan it, with what
 * shifts moved in and out and what remains of its flex, and totals; shifts that moved between
 * engines are counted apart, for the weekly review.
 */
public record BudgetWeekView(String week, LocalDate monday, LocalDate sunday, String rulesetVersion,
                             List<WeekLine> lines, Totals totals) {

    /** Totals are the week's figures over all lines. */
    public record Totals(BigDecimal plan, BigDecimal flex, BigDecimal moved, BigDecimal movedAcrossEngines,
                         BigDecimal held, BigDecimal remaining, int shiftsApproved, int shiftsPending) {
    }
}
