package dev.governor.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/** ScheduledPrice is an approved price change that becomes the current price on its effective date (channel time zone). */
public record ScheduledPrice(long proposalId, String sku, String channel, BigDecimal price, LocalDate effectiveFrom,
                             Instant approvedAt) {

    /** Earlier effective dates first; on the same date, the later approval wins by coming last. */
    static final Comparator<ScheduledPrice> IN_EFFECT_ORDER = Comparator.comparing(ScheduledPrice::effectiveFrom)
            .thenComparing(ScheduledPrice::approvedAt).thenComparingLong(ScheduledPrice::proposalId);
}
