package dev.governor.guardrail;

import java.time.LocalDate;

/**
 * Yearly is a calendar row marked "Every year": its days come back every year, from the year typed
 * on. A row is matched against a promo by one occurrence: the first that ends on or after the promo's
 * first day. A window contains the promo only if that occurrence does, and a blackout shorter than a
 * year overlaps the promo only if that occurrence does (the ones after it start later still), so one
 * occurrence answers both. 29 February falls back to the 28th in other years.
 */
public final class Yearly {

    private Yearly() {
    }

    /** Period is one occurrence of a calendar row, first and last day inclusive. */
    public record Period(LocalDate start, LocalDate end) {
    }

    /** The occurrence of {@code start}–{@code end}, repeated yearly from its own year, that first ends on or after {@code day}. */
    public static Period around(LocalDate start, LocalDate end, LocalDate day) {
        int years = Math.max(0, day.getYear() - end.getYear() - 1);
        while (end.plusYears(years).isBefore(day)) {
            years++;
        }
        return new Period(start.plusYears(years), end.plusYears(years));
    }

    /** The row's period as typed, or — when its "Every year" cell says YES — its occurrence around {@code day}. */
    static Period of(TableRow row, LocalDate day) {
        LocalDate start = row.date("start");
        LocalDate end = row.date("end");
        return row.yes("everyYear") ? around(start, end, day) : new Period(start, end);
    }
}
