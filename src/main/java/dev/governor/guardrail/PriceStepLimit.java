package dev.governor.guardrail;

import java.math.BigDecimal;

/** PriceStepLimit is the largest allowed price change against the current price, in percent. */
public record PriceStepLimit(Offer offer, BigDecimal maxChangePercent, Severity severity, TableRow row) {

    public static PriceStepLimit from(Offer offer, TableRow row, Severity severity) {
        return new PriceStepLimit(offer, row.decimal("maxChangePercent"), severity, row);
    }
}
