package dev.governor.guardrail;

/** PlannedLine is the budget line a week runs on: the first Lines row that plans its code. */
public record PlannedLine(String code, BudgetLine line) {
}
