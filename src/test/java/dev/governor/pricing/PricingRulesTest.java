package dev.governor.pricing;

import static dev.governor.Facts.change;
import static dev.governor.Facts.elsewhere;
import static dev.governor.Facts.codes;
import static dev.governor.Facts.evaluate;
import static dev.governor.Facts.only;
import static dev.governor.Facts.priceOffer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.Severity;
import dev.governor.guardrail.Verdict;
import dev.governor.ruleset.Evaluation;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The pricing guardrails on the shipped DRL and workbooks: each finding fires, and does not fire at its boundary. */
class PricingRulesTest {

    private static final String MAP = "decision-tables/pricing/map.drl.xlsx";
    private static final String MARGIN = "decision-tables/pricing/margin.drl.xlsx";
    private static final String POLICY = "decision-tables/pricing/price-policy.drl.xlsx";

    @Test
    void blocksPriceOneCentBelowSkuMap() {
        Offer offer = priceOffer().sku("TEA-001", "Leafy", "tea").price("17.98").build();
        Finding finding = only(evaluate(offer, change(offer, null)), "MAP_VIOLATION");
        assertThat(finding.severity()).isEqualTo(Severity.BLOCK);
        assertThat(finding.message()).endsWith("Advertised price 17.98 is below the MAP of 17.99 for TEA-001 "
                + "(set for SKU TEA-001)");
        assertThat(finding.figures()).containsEntry("mapLevel", "SKU").containsEntry("mapKey", "TEA-001");
        assertThat(finding.source().rule()).isEqualTo("Advertised price below MAP");
        assertThat(finding.source().workbook()).isEqualTo(MAP);
        assertThat(finding.source().sheet()).isEqualTo("MAP");
        assertThat(finding.source().row()).isEqualTo(12);
        assertThat(finding.figures()).containsEntry("map", new BigDecimal("17.99"));
    }

    @Test
    void passesPriceEqualToMap() {
        Offer offer = priceOffer().sku("TEA-001", "Leafy", "tea").price("17.99").build();
        assertThat(codes(evaluate(offer, change(offer, null)))).doesNotContain("MAP_VIOLATION");
    }

    @Test
    void skuRowBeatsCategoryRowBeatsBrandRow() {
        Offer sku = priceOffer().sku("TEA-001", "Leafy", "tea").price("15.00").build();
        assertThat(only(evaluate(sku), "MAP_VIOLATION").source().row()).isEqualTo(12);
        Offer category = priceOffer().sku("TEA-002", "Leafy", "tea").price("12.98").build();
        Finding byCategory = only(evaluate(category), "MAP_VIOLATION");
        assertThat(byCategory.source().row()).isEqualTo(23);
        assertThat(byCategory.message()).endsWith("for TEA-002 (set for category tea)");
        Offer brand = priceOffer().sku("ACC-001", "Leafy", "accessories").price("9.98").cost("1.00").build();
        Finding byBrand = only(evaluate(brand), "MAP_VIOLATION");
        assertThat(byBrand.source().row()).isEqualTo(34);
        assertThat(byBrand.message()).endsWith("for ACC-001 (set for brand Leafy)");
        Offer brandPasses = priceOffer().sku("ACC-001", "Leafy", "accessories").price("9.99").cost("1.00").build();
        assertThat(codes(evaluate(brandPasses))).doesNotContain("MAP_VIOLATION");
    }

    @Test
    void blocksNegativeContributionMargin() {
        Offer offer = priceOffer().price("20.00").cost("20.01").build();
        Finding finding = only(evaluate(offer), "NEGATIVE_MARGIN");
        assertThat(finding.severity()).isEqualTo(Severity.BLOCK);
        assertThat(finding.source().sheet()).isEqualTo("Negative margin");
        assertThat(finding.source().row()).isEqualTo(12);
        assertThat(finding.figures()).containsEntry("cmPerUnit", new BigDecimal("-0.01"));
    }

    @Test
    void zeroMarginIsNotNegative() {
        Offer offer = priceOffer().price("20.00").cost("20.00").build();
        assertThat(codes(evaluate(offer))).doesNotContain("NEGATIVE_MARGIN");
    }

    @Test
    void marginArithmeticCountsFeesReturnsAndAds() {
        // 21.99 - 6.20 - 15% referral (3.2985) - 3.86 FBA - 5% x 4.00 returns (0.20) = 8.4315
        Offer offer = new Offer(0, Offer.PRICE, "TEA-001", "Leafy", "tea", null, "amazon-us", "MARKETPLACE",
                new BigDecimal("21.99"), new BigDecimal("6.20"), new BigDecimal("15"), new BigDecimal("3.86"),
                BigDecimal.ZERO, new BigDecimal("5"), new BigDecimal("4.00"), BigDecimal.ZERO);
        Evaluation.MarginFigures margin = evaluate(offer).margins().get(0);
        assertThat(margin.cmPerUnit()).isEqualByComparingTo("8.43");
        assertThat(margin.cmPercent()).isEqualByComparingTo("38.34");
        assertThat(margin.breakEvenRoas()).isEqualByComparingTo("2.61");
    }

    @Test
    void needsApprovalBelowTheCategoryFloor() {
        Offer offer = priceOffer().price("100.00").cost("65.01").build();
        Finding finding = only(evaluate(offer), "MARGIN_BELOW_FLOOR");
        assertThat(finding.severity()).isEqualTo(Severity.NEEDS_APPROVAL);
        assertThat(finding.source().workbook()).isEqualTo(MARGIN);
        assertThat(finding.source().row()).isEqualTo(26);
        assertThat(finding.figures()).containsEntry("floorPercent", new BigDecimal("35"));
    }

    @Test
    void marginExactlyAtTheFloorPasses() {
        Offer offer = priceOffer().price("100.00").cost("65.00").build();
        assertThat(codes(evaluate(offer))).doesNotContain("MARGIN_BELOW_FLOOR");
    }

    @Test
    void categoryAndChannelFloorBeatsCategoryFloor() {
        Offer atThirty = priceOffer().on("amazon-us", "MARKETPLACE").price("100.00").cost("70.00").build();
        assertThat(codes(evaluate(atThirty))).doesNotContain("MARGIN_BELOW_FLOOR");
        Offer below = priceOffer().on("amazon-us", "MARKETPLACE").price("100.00").cost("70.01").build();
        assertThat(only(evaluate(below), "MARGIN_BELOW_FLOOR").source().row()).isEqualTo(12);
    }

    @Test
    void needsApprovalForAStepAboveTheLimit() {
        Offer offer = priceOffer().on("amazon-us", "MARKETPLACE").price("22.01").build();
        Finding finding = only(evaluate(offer, change(offer, "20.00")), "PRICE_CHANGE_TOO_LARGE");
        assertThat(finding.severity()).isEqualTo(Severity.NEEDS_APPROVAL);
        assertThat(finding.source().workbook()).isEqualTo(POLICY);
        assertThat(finding.source().sheet()).isEqualTo("Price step");
        assertThat(finding.source().row()).isEqualTo(13);
    }

    /** 24.99 → 27.49 is a 10.004 % move: two decimals would show it as 10 %, the very limit it breaks. */
    @Test
    void aStepJustPastTheLimitShowsTheDecimalsThatBreakIt() {
        Offer offer = priceOffer().on("amazon-us", "MARKETPLACE").price("27.49").build();
        Finding finding = only(evaluate(offer, change(offer, "24.99")), "PRICE_CHANGE_TOO_LARGE");
        assertThat(finding.message()).endsWith("is a 10.004% move; the allowed step is 10%");
        assertThat(finding.figures()).containsEntry("changePercent", new BigDecimal("10.004"));
        Offer clear = priceOffer().on("amazon-us", "MARKETPLACE").price("22.01").build();
        assertThat(only(evaluate(clear, change(clear, "20.00")), "PRICE_CHANGE_TOO_LARGE").message())
                .endsWith("is a 10.05% move; the allowed step is 10%");
    }

    @Test
    void stepExactlyAtTheLimitPassesBothWays() {
        Offer up = priceOffer().on("amazon-us", "MARKETPLACE").price("22.00").build();
        assertThat(codes(evaluate(up, change(up, "20.00")))).doesNotContain("PRICE_CHANGE_TOO_LARGE");
        Offer down = priceOffer().on("amazon-us", "MARKETPLACE").price("18.00").build();
        assertThat(codes(evaluate(down, change(down, "20.00")))).doesNotContain("PRICE_CHANGE_TOO_LARGE");
        Offer tooFarDown = priceOffer().on("amazon-us", "MARKETPLACE").price("17.99").build();
        assertThat(codes(evaluate(tooFarDown, change(tooFarDown, "20.00")))).contains("PRICE_CHANGE_TOO_LARGE");
    }

    @Test
    void warnsWhenDtcUndercutsTheMarketplace() {
        Offer offer = priceOffer().price("18.99").build();
        Finding finding = only(evaluate(offer, change(offer, "20.00", elsewhere("amazon-us", "MARKETPLACE", "20.00"))),
                "PARITY_BUYBOX_RISK");
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.source().sheet()).isEqualTo("Parity");
        assertThat(finding.source().row()).isEqualTo(12);
        assertThat(finding.figures()).containsEntry("otherChannel", "amazon-us");
    }

    @Test
    void dtcWithinToleranceOfTheMarketplacePasses() {
        Offer offer = priceOffer().price("19.00").build();
        assertThat(codes(evaluate(offer, change(offer, "20.00", elsewhere("amazon-us", "MARKETPLACE", "20.00")))))
                .doesNotContain("PARITY_BUYBOX_RISK");
    }

    @Test
    void warnsWhenTheMarketplaceUndercutsDtc() {
        Offer offer = priceOffer().on("amazon-us", "MARKETPLACE").price("17.99").build();
        Finding finding = only(evaluate(offer, change(offer, "18.00", elsewhere("dtc-webstore", "DTC", "20.00"))),
                "PARITY_DTC_UNDERCUT");
        assertThat(finding.source().row()).isEqualTo(13);
        Offer atTolerance = priceOffer().on("amazon-us", "MARKETPLACE").price("18.00").build();
        assertThat(codes(evaluate(atTolerance, change(atTolerance, "18.00", elsewhere("dtc-webstore", "DTC", "20.00")))))
                .doesNotContain("PARITY_DTC_UNDERCUT");
    }

    @Test
    void verdictIsTheWorstSeverity() {
        Offer offer = priceOffer().sku("TEA-001", "Leafy", "tea").price("17.00").cost("16.00").build();
        Evaluation evaluation = evaluate(offer, change(offer, "24.99"));
        assertThat(codes(evaluation)).contains("MAP_VIOLATION", "MARGIN_BELOW_FLOOR", "PRICE_CHANGE_TOO_LARGE");
        assertThat(evaluation.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(evaluation.findings().get(0).severity()).isEqualTo(Severity.BLOCK);
    }

    @Test
    void cleanPriceIsApprovedWithItsMargin() {
        Offer offer = priceOffer().price("20.00").build();
        Evaluation evaluation = evaluate(offer, change(offer, "20.00"));
        assertThat(evaluation.verdict()).isEqualTo(Verdict.APPROVED);
        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.margins()).singleElement().satisfies(m -> assertThat(m.cmPercent()).isEqualByComparingTo("75"));
    }
}
