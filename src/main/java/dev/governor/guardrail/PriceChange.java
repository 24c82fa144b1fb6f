package dev.governor.guardrail;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * PriceChange is a proposed move from the current price of an offer to its new price, for the step and
 * parity rules, with the SKU's current prices on the other channels (the parity rules read them with
 * {@code from}: as facts of their own they cost a check about a sixth of its time, in inserts alone).
 */
public record PriceChange(Offer offer, BigDecimal currentPrice, LocalDate effectiveFrom, List<ChannelPrice> otherPrices) {

    public PriceChange {
        otherPrices = List.copyOf(otherPrices);
    }
}
