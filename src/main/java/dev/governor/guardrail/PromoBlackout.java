package dev.governor.guardrail;

import java.time.LocalDate;

/** PromoBlackout is a period in which no promo may run on an engine or channel. */
public record PromoBlackout(PromoTerms terms, String name, LocalDate start, LocalDate end, Severity severity, TableRow row) {

    public static PromoBlackout from(PromoTerms terms, TableRow row, Severity severity) {
        return new PromoBlackout(terms, row.text("blackout"), row.date("start"), row.date("end"), severity, row);
    }
}
