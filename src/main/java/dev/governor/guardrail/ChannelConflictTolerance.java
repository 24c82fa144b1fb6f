package dev.governor.guardrail;

import java.math.BigDecimal;

/** ChannelConflictTolerance is how many percentage points two overlapping promos on different engines may differ in depth. */
public record ChannelConflictTolerance(PromoTerms terms, BigDecimal tolerancePoints, Severity severity, TableRow row) {

    public static ChannelConflictTolerance from(PromoTerms terms, TableRow row, Severity severity) {
        return new ChannelConflictTolerance(terms, row.decimal("conflictTolerancePoints"), severity, row);
    }
}
