package dev.governor.guardrail;

import java.math.BigDecimal;
import java.time.LocalDate;

/** PromoWindow is an allowed promo period for an engine or channel, with the deepest discount allowed inside it. */
public record PromoWindow(PromoTerms terms, String name, LocalDate start, LocalDate end, BigDecimal maxDepthPercent,
                          Severity severity, TableRow row) {

    /** The window of one table row; a row repeated every year gives its occurrence around the promo's first day. */
    public static PromoWindow from(PromoTerms terms, TableRow row, Severity severity) {
        Yearly.Period period = Yearly.of(row, terms.start());
        return new PromoWindow(terms, row.text("window"), period.start(), period.end(),
                row.decimal("maxDepthPercent"), severity, row);
    }
}
