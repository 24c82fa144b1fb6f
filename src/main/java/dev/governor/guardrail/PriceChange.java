package dev.governor.guardrail;

import java.math.BigDecimal;
import java.time.LocalDate;

/** PriceChange is a proposed move from the current price of an offer to its new price, for the step and parity rules. */
public record PriceChange(Offer offer, BigDecimal currentPrice, LocalDate effectiveFrom) {
}
