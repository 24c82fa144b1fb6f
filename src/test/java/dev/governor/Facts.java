package dev.governor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.guardrail.ChannelPrice;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.PriceChange;
import dev.governor.guardrail.PromoTerms;
import dev.governor.guardrail.RecordedPromo;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Ruleset;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Facts builds rule facts with figures a test controls: by default an offer has no fees, so its
 * contribution margin is simply price minus unit cost.
 */
public final class Facts {

    private Facts() {
    }

    /** OfferSpec is an offer under construction. */
    public record OfferSpec(String kind, String sku, String brand, String category, LocalDate launch, String channel,
                            String engine, String price, String cost, String referral, String fee) {

        public OfferSpec price(String value) {
            return new OfferSpec(kind, sku, brand, category, launch, channel, engine, value, cost, referral, fee);
        }

        public OfferSpec cost(String value) {
            return new OfferSpec(kind, sku, brand, category, launch, channel, engine, price, value, referral, fee);
        }

        public OfferSpec on(String channelCode, String engineName) {
            return new OfferSpec(kind, sku, brand, category, launch, channelCode, engineName, price, cost, referral, fee);
        }

        public OfferSpec sku(String code, String brandName, String categoryName) {
            return new OfferSpec(kind, code, brandName, categoryName, launch, channel, engine, price, cost, referral, fee);
        }

        public OfferSpec launched(String date) {
            return new OfferSpec(kind, sku, brand, category, LocalDate.parse(date), channel, engine, price, cost,
                    referral, fee);
        }

        public Offer build() {
            return build(0);
        }

        /** The offer of request {@code ref}, as several requests evaluated in one session are told apart. */
        public Offer build(int ref) {
            return new Offer(ref, kind, sku, brand, category, launch, channel, engine, new BigDecimal(price),
                    new BigDecimal(cost), new BigDecimal(referral), new BigDecimal(fee), BigDecimal.ZERO,
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        }
    }

    /** A Leafy tea (TEA-002: no SKU MAP row) on the DTC webstore at 20.00 with a unit cost of 5.00. */
    public static OfferSpec priceOffer() {
        return new OfferSpec(Offer.PRICE, "TEA-002", "Leafy", "tea", LocalDate.parse("2024-01-10"), "dtc-webstore",
                "DTC", "20.00", "5.00", "0", "0");
    }

    public static OfferSpec promoOffer() {
        return new OfferSpec(Offer.PROMO, "TEA-002", "Leafy", "tea", LocalDate.parse("2024-01-10"), "dtc-webstore",
                "DTC", "20.00", "5.00", "0", "0");
    }

    /** A move of the offer from {@code currentPrice} (null: none yet), with the SKU's prices on other channels. */
    public static PriceChange change(Offer offer, String currentPrice, ChannelPrice... elsewhere) {
        return new PriceChange(offer, currentPrice == null ? null : new BigDecimal(currentPrice), LocalDate.parse("2026-12-01"),
                List.of(elsewhere));
    }

    public static ChannelPrice elsewhere(String channel, String engine, String price) {
        return new ChannelPrice(channel, engine, new BigDecimal(price));
    }

    public static PromoTerms terms(Offer offer, String discount, String start, String end) {
        return new PromoTerms(offer, offer.channel(), offer.engine(), offer.category(), "coupon", new BigDecimal(discount),
                LocalDate.parse(start), LocalDate.parse(end), new BigDecimal("30.00"));
    }

    public static RecordedPromo approved(Offer offer, long id, String channel, String engine, String discount,
                                         String start, String end) {
        return new RecordedPromo(offer, id, channel, engine, new BigDecimal(discount), LocalDate.parse(start),
                LocalDate.parse(end));
    }

    public static List<String> codes(Evaluation evaluation) {
        return evaluation.findings().stream().map(Finding::code).toList();
    }

    /** The one finding with this code; fails when there is none or more than one. */
    public static Finding only(Evaluation evaluation, String code) {
        List<Finding> matching = evaluation.findings().stream().filter(f -> f.code().equals(code)).toList();
        assertThat(matching).as("findings %s in %s", code, codes(evaluation)).hasSize(1);
        return matching.get(0);
    }

    public static Evaluation evaluate(Object... facts) {
        Ruleset ruleset = ShippedRuleset.get();
        return ruleset.evaluateRequest(new ArrayList<>(List.of(facts)));
    }
}
