package dev.governor.guardrail;

import java.math.BigDecimal;
import java.time.LocalDate;

/** PromoWindow is an allowed promo period for an engine or channel, with the deepest discount allowed inside it. */
public record PromoWindow(PromoTerms terms, String name, LocalDate start, LocalDate end, BigDecimal maxDepthPercent,
                          Severity severity, TableRow row) {

    public static PromoWindow from(PromoTerms terms, TableRow row, Severity severity) {
        return new PromoWindow(terms, row.text("window"), row.date("start"), row.date("end"),
                row.decimal("maxDepthPercent"), severity, row);
    }
}
