package dev.governor.guardrail;

import java.math.BigDecimal;

/** ChannelPrice is the current price of an offer's SKU on another channel, for parity rules; it rides on the {@link PriceChange}. */
public record ChannelPrice(String channel, String engine, BigDecimal price) {
}
