package dev.governor.guardrail;

import java.math.BigDecimal;
import java.time.LocalDate;

/** RecordedPromo is an approved promo already on record for the offer's SKU, for stacking, frequency and conflict rules. */
public record RecordedPromo(Offer offer, long proposalId, String channel, String engine, BigDecimal discountPercent,
                            LocalDate start, LocalDate end) {
}
