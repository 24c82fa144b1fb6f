package dev.governor.guardrail;

import java.math.BigDecimal;

/** ChannelPrice is the current price of the offer's SKU on another channel, for parity rules. */
public record ChannelPrice(Offer offer, String channel, String engine, BigDecimal price) {
}
