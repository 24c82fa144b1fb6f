package dev.governor.guardrail;

import java.math.BigDecimal;

/** ParityTolerance is how far, in percent, an engine's price may undercut the other engine's before parity speaks. */
public record ParityTolerance(Offer offer, BigDecimal tolerancePercent, Severity severity, TableRow row) {

    public static ParityTolerance from(Offer offer, TableRow row, Severity severity) {
        return new ParityTolerance(offer, row.decimal("tolerancePercent"), severity, row);
    }
}
