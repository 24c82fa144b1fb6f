package dev.governor.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.core.Bound;
import dev.governor.core.Json;
import dev.governor.core.JsonFields;
import dev.governor.reference.Catalog;
import dev.governor.reference.Channel;
import dev.governor.reference.Product;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/** PriceRequest is a validated price proposal: a SKU, a channel, a new price and the date it takes effect. */
record PriceRequest(Product product, Channel channel, BigDecimal price, LocalDate effectiveFrom,
                    BigDecimal adCostPerUnit) {

    /**
     * Reads and validates one request, noting every bad field; empty when any field is bad. With a
     * {@code clock} (a request at the door) an {@code effectiveFrom} before today in the channel's time
     * zone is refused (in_the_past); without one (an example case, a replay, a re-check) the request is
     * judged on its own dates.
     */
    static Optional<PriceRequest> parse(JsonFields fields, Catalog catalog, Clock clock) {
        String sku = fields.text("sku");
        String channelCode = fields.text("channel");
        BigDecimal price = fields.decimal("price", Bound.PRICE);
        LocalDate effectiveFrom = fields.date("effectiveFrom");
        String currency = fields.optionalText("currency");
        BigDecimal adCost = fields.optionalDecimal("adCostPerUnit", Bound.COST);
        Product product = sku == null ? null : catalog.findProduct(sku).orElse(null);
        if (sku != null && product == null) {
            fields.error("sku", "unknown_sku", "SKU '" + sku + "' is not in the catalog");
        }
        Channel channel = channelCode == null ? null : catalog.findChannel(channelCode).orElse(null);
        if (channelCode != null && channel == null) {
            fields.error("channel", "unknown_channel", "channel '" + channelCode + "' does not exist");
        }
        boolean valid = product != null && channel != null && effectiveFrom != null
                && (adCost != null || !fields.has("adCostPerUnit"));
        String passed = clock == null || channel == null || effectiveFrom == null ? null
                : channel.passed("effectiveFrom", effectiveFrom, clock);
        if (passed != null) {
            fields.error("effectiveFrom", "in_the_past", passed);
            valid = false;
        }
        if (currency != null && channel != null && !currency.equals(channel.currency())) {
            fields.error("currency", "wrong_currency", "channel " + channel.code() + " sells in " + channel.currency()
                    + ", not " + currency);
            valid = false;
        }
        return valid && price != null
                ? Optional.of(new PriceRequest(product, channel, price, effectiveFrom, adCost == null ? BigDecimal.ZERO : adCost))
                : Optional.empty();
    }

    /** The request as recorded: the fields the caller sent, normalised. */
    JsonNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("sku", product.sku());
        node.put("channel", channel.code());
        node.put("price", price);
        node.put("currency", channel.currency());
        node.put("effectiveFrom", effectiveFrom.toString());
        if (adCostPerUnit.signum() > 0) {
            node.put("adCostPerUnit", adCostPerUnit);
        }
        return node;
    }
}
