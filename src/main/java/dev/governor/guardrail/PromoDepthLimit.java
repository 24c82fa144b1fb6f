package dev.governor.guardrail;

import java.math.BigDecimal;

/** PromoDepthLimit is the deepest discount allowed outside promo windows for an engine and category. */
public record PromoDepthLimit(PromoTerms terms, BigDecimal maxDepthPercent, Severity severity, TableRow row) {

    public static PromoDepthLimit from(PromoTerms terms, TableRow row, Severity severity) {
        return new PromoDepthLimit(terms, row.decimal("maxDepthPercent"), severity, row);
    }
}
