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

    /** The level of the row that set this MAP: SKU, category or brand. */
    public String levelName() {
        return switch (level) {
            case 3 -> "SKU";
            case 2 -> "category";
            default -> "brand";
        };
    }

    /** The key the row matched: the SKU, the category or the brand. */
    public String key() {
        return switch (level) {
            case 3 -> offer.sku();
            case 2 -> offer.category();
            default -> offer.brand();
        };
    }

    /** Which row applied, in words: "set for category tea". */
    public String appliesTo() {
        return "set for " + levelName() + " " + key();
    }
}
