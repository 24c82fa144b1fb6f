package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * MapLimit is a minimum advertised price from the MAP table. Its level says how specific the row
 * is (1 brand, 2 category, 3 SKU): the most specific row that matches an offer is the one that applies.
 */
public record MapLimit(Offer offer, int level, BigDecimal map, Severity severity, TableRow row) {

    public static MapLimit from(Offer offer, int level, TableRow row, Severity severity) {
        return new MapLimit(offer, level, row.decimal("map"), severity, row);
    }
}
