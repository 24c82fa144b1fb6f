package dev.governor.promo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PromoRequest is a validated promo proposal: a discount on some SKUs (or a whole category) on one
 * channel, from a start date to an end date inclusive, in the channel's time zone.
 */
record PromoRequest(Channel channel, List<Product> products, String category, BigDecimal discountPercent,
                    LocalDate start, LocalDate end, String type) {

    static final Set<String> TYPES = Set.of("coupon", "deal", "sitewide_sale", "bundle");

    /**
     * Reads and validates one request, noting every bad field; empty when any field is bad. With a
     * {@code clock} (a request at the door) a window that starts before today in the channel's time
     * zone is refused (in_the_past); without one (an example case, a replay, a re-check) the request is
     * judged on its own dates.
     */
    static Optional<PromoRequest> parse(JsonFields fields, Catalog catalog, Clock clock) {
        String channelCode = fields.text("channel");
        Channel channel = channelCode == null ? null : catalog.findChannel(channelCode).orElse(null);
        if (channelCode != null && channel == null) {
            fields.error("channel", "unknown_channel", "channel '" + channelCode + "' does not exist");
        }
        boolean valid = channel != null;
        List<Product> products = new ArrayList<>();
        String category = null;
        if (fields.has("skus") && fields.has("category")) {
            fields.error("category", "conflicting_fields", "give either 'skus' or 'category', not both");
            valid = false;
        } else if (fields.has("category")) {
            category = fields.text("category");
            if (category != null) {
                for (String sku : catalog.skusIn(category)) {
                    catalog.findProduct(sku).ifPresent(products::add);
                }
                if (products.isEmpty()) {
                    fields.error("category", "unknown_category", "category '" + category + "' has no SKUs in the catalog");
                    valid = false;
                }
            } else {
                valid = false;
            }
        } else if (fields.has("skus")) {
            List<String> skus = fields.textList("skus");
            valid &= skus != null;
            for (String sku : skus == null ? List.<String>of() : new LinkedHashSet<>(skus)) {
                Optional<Product> product = catalog.findProduct(sku);
                if (product.isPresent()) {
                    products.add(product.get());
                } else {
                    fields.error("skus", "unknown_sku", "SKU '" + sku + "' is not in the catalog");
                    valid = false;
                }
            }
        } else {
            fields.error("skus", "missing_field", "give the promo's 'skus' (an array) or its 'category'");
            valid = false;
        }
        BigDecimal discount = fields.decimal("discountPercent", Bound.DISCOUNT);
        LocalDate start = fields.date("start");
        LocalDate end = fields.date("end");
        String passed = clock == null || channel == null || start == null ? null
                : channel.passed("start", start, clock);
        if (passed != null) {
            fields.error("start", "in_the_past", passed + " (a promo that has begun is changed by a new one "
                    + "starting today)");
            valid = false;
        }
        if (start != null && end != null && end.isBefore(start)) {
            fields.error("end", "end_before_start", "the promo ends (" + end + ") before it starts (" + start + ")");
            valid = false;
        }
        if (start != null && end != null && end.isAfter(start.plusDays(365))) {
            fields.error("end", "promo_too_long", "a promo runs at most 366 days");
            valid = false;
        }
        String type = fields.text("type");
        if (type != null && !TYPES.contains(type)) {
            fields.error("type", "invalid_type", "type must be one of coupon, deal, sitewide_sale, bundle; not '" + type + "'");
            valid = false;
        }
        if (valid) {
            for (Product product : products) {
                var regular = catalog.findPrice(product.sku(), channel.code());
                if (regular.isEmpty()) {
                    fields.error("skus", "no_current_price", "SKU " + product.sku() + " has no current price on "
                            + channel.code() + ", so its promo price cannot be computed");
                    valid = false;
                } else if (discount != null && PromoService.promoPrice(regular.get(), discount).signum() <= 0) {
                    fields.error("discountPercent", "no_price_left", "at " + discount.toPlainString() + "% off, "
                            + product.sku() + "'s promo price on " + channel.code() + " (now "
                            + regular.get().toPlainString() + ") rounds to 0.00: a promo leaves a price of at least 0.01");
                    valid = false;
                }
            }
        }
        return valid && discount != null && start != null && end != null && type != null
                ? Optional.of(new PromoRequest(channel, List.copyOf(products), category, discount, start, end, type))
                : Optional.empty();
    }

    List<String> skus() {
        return products.stream().map(Product::sku).toList();
    }

    JsonNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("channel", channel.code());
        if (category != null) {
            node.put("category", category);
        }
        ArrayNode skus = node.putArray("skus");
        skus().forEach(skus::add);
        node.put("discountPercent", discountPercent);
        node.put("start", start.toString());
        node.put("end", end.toString());
        node.put("type", type);
        return node;
    }
}
