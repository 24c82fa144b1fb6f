package dev.governor.proposals;

import java.math.BigDecimal;
import java.time.LocalDate;

/** ApprovedPromo is an approved promo on one SKU, as the promo rules need it for stacking, frequency and conflicts. */
public record ApprovedPromo(long proposalId, String sku, String channel, String engine, BigDecimal discountPercent,
                            LocalDate startDate, LocalDate endDate) {
}
