package dev.governor.guardrail;

import java.time.LocalDate;

/** PromoBlackout is a period in which no promo may run on an engine or channel. */
public record PromoBlackout(PromoTerms terms, String name, LocalDate start, LocalDate end, Severity severity, TableRow row) {

    /** The blackout of one table row; a row repeated every year gives its occurrence around the promo's first day. */
    public static PromoBlackout from(PromoTerms terms, TableRow row, Severity severity) {
        Yearly.Period period = Yearly.of(row, terms.start());
        return new PromoBlackout(terms, row.text("blackout"), period.start(), period.end(), severity, row);
    }
}
