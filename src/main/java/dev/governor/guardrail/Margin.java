package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * Margin is the contribution margin of an offer at its price, computed by the DRL rules:
 * CM per unit, CM % of price and the break-even ROAS (null when the margin is not positive).
 */
public record Margin(Offer offer, BigDecimal cmPerUnit, BigDecimal cmPercent, BigDecimal breakEvenRoas) {
}
