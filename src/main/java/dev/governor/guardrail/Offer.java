package dev.governor.guardrail;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Offer is one SKU advertised at one price on one channel — a proposed price or a promo price —
 * with the catalog and channel economics the margin rules need.
 *
 * @param ref    which request in a batch this offer belongs to
 * @param kind   PRICE for a price proposal, PROMO for a promo price
 */
public record Offer(int ref, String kind, String sku, String brand, String category, LocalDate launchDate,
                    String channel, String engine, BigDecimal price,
                    BigDecimal unitCost, BigDecimal referralPercent, BigDecimal fulfilmentFee,
                    BigDecimal paymentPercent, BigDecimal returnRatePercent, BigDecimal costPerReturn,
                    BigDecimal adCostPerUnit) {
    public static final String PRICE = "PRICE";
    public static final String PROMO = "PROMO";

    /** Facts are matched by identity: two offers with the same figures are still two offers. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
