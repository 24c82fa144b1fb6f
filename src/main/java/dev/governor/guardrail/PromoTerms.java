package dev.governor.guardrail;

import java.math.BigDecimal;
import java.time.LocalDate;

/** PromoTerms are the terms of a proposed promo (dates inclusive, in the channel's time zone) that apply to each of its offers. */
public record PromoTerms(Offer offer, String channel, String engine, String category, String type, BigDecimal discountPercent,
                         LocalDate start, LocalDate end, BigDecimal regularPrice) {

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
