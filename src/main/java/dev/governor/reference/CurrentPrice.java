package dev.governor.reference;

import java.math.BigDecimal;

/** CurrentPrice is the price a SKU sells at today on a channel. */
public record CurrentPrice(String sku, String channel, BigDecimal price) {
}
