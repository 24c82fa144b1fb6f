package dev.governor.guardrail;

/**
 * BudgetWeek asks the Lines sheet which budget lines of one engine are planned for one ISO week
 * (e.g. {@code 2026-W49}). ISO week names of four-digit years sort as text, so the From/To week
 * columns compare them as text.
 */
public record BudgetWeek(String week, String engine) {

    /** The Lines row's "From week" column: the row applies from this week on. */
    public boolean fromWeek(String first) {
        return week.compareTo(first) >= 0;
    }

    /** The Lines row's "To week" column: the row applies up to and including this week. */
    public boolean toWeek(String last) {
        return week.compareTo(last) <= 0;
    }
}
