package dev.governor.pricing;

import dev.governor.guardrail.ChannelPrice;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.PriceChange;
import dev.governor.reference.Catalog;
import dev.governor.reference.Channel;
import dev.governor.reference.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** PriceFacts gathers what the pricing rules need about one price request: the offer, the change and the other channels' prices. */
final class PriceFacts {

    private PriceFacts() {
    }

    static void add(int ref, PriceRequest request, Catalog catalog, List<Object> facts) {
        Product product = request.product();
        Channel channel = request.channel();
        Offer offer = new Offer(ref, Offer.PRICE, product.sku(), product.brand(), product.category(),
                product.launchDate(), channel.code(), channel.engine(), request.price(), product.unitCost(),
                channel.referralPercent(), channel.fulfilmentFee(), channel.paymentPercent(),
                channel.returnRatePercent(), channel.costPerReturn(), request.adCostPerUnit());
        facts.add(offer);
        Map<String, BigDecimal> prices = catalog.pricesOn(product.sku(), request.effectiveFrom());
        List<ChannelPrice> others = new ArrayList<>(prices.size());
        prices.forEach((otherChannel, price) -> {
            if (!otherChannel.equals(channel.code())) {
                catalog.findChannel(otherChannel).ifPresent(other ->
                        others.add(new ChannelPrice(other.code(), other.engine(), price)));
            }
        });
        facts.add(new PriceChange(offer, prices.get(channel.code()), request.effectiveFrom(), others));
    }
}
