package dev.governor.promo;

import static dev.governor.Facts.approved;
import static dev.governor.Facts.codes;
import static dev.governor.Facts.evaluate;
import static dev.governor.Facts.only;
import static dev.governor.Facts.promoOffer;
import static dev.governor.Facts.terms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.Severity;
import dev.governor.ruleset.Evaluation;
import org.junit.jupiter.api.Test;

/** The promo guardrails on the shipped DRL and workbooks: each finding fires, and does not fire at its boundary. */
class PromoRulesTest {

    private static final String CALENDAR = "decision-tables/promo/promo-calendar.drl.xlsx";
    private static final String LIMITS = "decision-tables/promo/promo-limits.drl.xlsx";

    @Test
    void promoInsideBlackFridayWindowIsOnCalendar() {
        Offer offer = promoOffer().build();
        assertThat(codes(evaluate(offer, terms(offer, "25", "2026-11-27", "2026-11-30"))))
                .doesNotContain("PROMO_OUTSIDE_WINDOW", "PROMO_TOO_DEEP");
    }

    @Test
    void promoOneDayPastTheWindowNeedsApproval() {
        Offer offer = promoOffer().build();
        Finding finding = only(evaluate(offer, terms(offer, "10", "2026-11-27", "2026-12-01")), "PROMO_OUTSIDE_WINDOW");
        assertThat(finding.severity()).isEqualTo(Severity.NEEDS_APPROVAL);
        assertThat(finding.source().rule()).isEqualTo("Promo outside every allowed window");
        assertThat(finding.source().workbook()).isEqualTo(LIMITS);
        assertThat(finding.source().sheet()).isEqualTo("Policy");
        assertThat(finding.source().row()).isEqualTo(12);
    }

    @Test
    void blocksPromoTouchingAMarketplaceBlackout() {
        Offer offer = promoOffer().on("amazon-us", "MARKETPLACE").build();
        Finding finding = only(evaluate(offer, terms(offer, "10", "2026-11-19", "2026-11-20")), "PROMO_BLACKOUT");
        assertThat(finding.severity()).isEqualTo(Severity.BLOCK);
        assertThat(finding.message()).contains("BFCM reference-price lock");
        assertThat(finding.source().workbook()).isEqualTo(CALENDAR);
        assertThat(finding.source().row()).isEqualTo(13);
        assertThat(codes(evaluate(offer, terms(offer, "10", "2026-11-20", "2026-11-21")))).doesNotContain("PROMO_BLACKOUT");
    }

    @Test
    void blocksPromoInTheDaysAfterLaunch() {
        Offer launched = promoOffer().launched("2026-11-20").build();
        Finding finding = only(evaluate(launched, terms(launched, "10", "2026-12-03", "2026-12-05")), "PROMO_BLACKOUT");
        assertThat(finding.source().row()).isEqualTo(23);
        assertThat(finding.figures()).containsEntry("daysAfterLaunch", 14);
        Offer later = promoOffer().launched("2026-11-20").build();
        assertThat(codes(evaluate(later, terms(later, "10", "2026-12-04", "2026-12-05")))).doesNotContain("PROMO_BLACKOUT");
    }

    @Test
    void windowDepthLimitAppliesInsideTheWindow() {
        Offer atLimit = promoOffer().build();
        assertThat(codes(evaluate(atLimit, terms(atLimit, "30", "2026-11-27", "2026-11-30")))).doesNotContain("PROMO_TOO_DEEP");
        Offer deeper = promoOffer().build();
        Finding finding = only(evaluate(deeper, terms(deeper, "30.5", "2026-11-27", "2026-11-30")), "PROMO_TOO_DEEP");
        assertThat(finding.source().workbook()).isEqualTo(CALENDAR);
        assertThat(finding.source().sheet()).isEqualTo("Windows");
        assertThat(finding.source().row()).isEqualTo(13);
    }

    @Test
    void strictestDepthRowAppliesOutsideWindows() {
        Offer tea = promoOffer().build();
        assertThat(codes(evaluate(tea, terms(tea, "20", "2026-10-01", "2026-10-03")))).doesNotContain("PROMO_TOO_DEEP");
        Offer gift = promoOffer().sku("GFT-001", "Brewhaus", "gift-sets").price("40.00").build();
        Finding finding = only(evaluate(gift, terms(gift, "16", "2026-10-01", "2026-10-03")), "PROMO_TOO_DEEP");
        assertThat(finding.source().sheet()).isEqualTo("Depth");
        assertThat(finding.source().row()).isEqualTo(13);
        assertThat(finding.figures()).containsEntry("maxDepthPercent", new java.math.BigDecimal("15"));
    }

    @Test
    void blocksPromoPriceBelowMap() {
        Offer below = promoOffer().sku("TEA-001", "Leafy", "tea").price("17.98").build();
        Finding finding = only(evaluate(below, terms(below, "10", "2026-11-27", "2026-11-30")), "PROMO_BELOW_MAP");
        assertThat(finding.severity()).isEqualTo(Severity.BLOCK);
        assertThat(finding.source().row()).isEqualTo(12);
        Offer atMap = promoOffer().sku("TEA-001", "Leafy", "tea").price("17.99").build();
        assertThat(codes(evaluate(atMap, terms(atMap, "10", "2026-11-27", "2026-11-30")))).doesNotContain("PROMO_BELOW_MAP");
    }

    @Test
    void blocksPromoOverlappingAnApprovedPromoOnTheSameChannel() {
        Offer offer = promoOffer().build();
        Finding finding = only(evaluate(offer, terms(offer, "10", "2026-11-27", "2026-11-30"),
                approved(offer, 41, "dtc-webstore", "DTC", "10", "2026-11-30", "2026-12-02")), "PROMO_STACKING");
        assertThat(finding.severity()).isEqualTo(Severity.BLOCK);
        assertThat(finding.message()).contains("#41");
        Offer adjacent = promoOffer().build();
        assertThat(codes(evaluate(adjacent, terms(adjacent, "10", "2026-11-27", "2026-11-30"),
                approved(adjacent, 41, "dtc-webstore", "DTC", "10", "2026-12-01", "2026-12-02"))))
                .doesNotContain("PROMO_STACKING");
    }

    @Test
    void promoOnAnotherChannelDoesNotStack() {
        Offer offer = promoOffer().build();
        assertThat(codes(evaluate(offer, terms(offer, "10", "2026-11-27", "2026-11-30"),
                approved(offer, 7, "amazon-us", "MARKETPLACE", "10", "2026-11-27", "2026-11-30"))))
                .doesNotContain("PROMO_STACKING");
    }

    @Test
    void countsPromoDaysInAnyRollingNinetyDays() {
        // 20 approved days in October plus 10 proposed days in November: 30, the DTC limit
        Offer atLimit = promoOffer().build();
        assertThat(codes(evaluate(atLimit, terms(atLimit, "10", "2026-11-01", "2026-11-10"),
                approved(atLimit, 3, "dtc-webstore", "DTC", "10", "2026-10-01", "2026-10-20"))))
                .doesNotContain("PROMO_FREQUENCY");
        Offer over = promoOffer().build();
        Finding finding = only(evaluate(over, terms(over, "10", "2026-11-01", "2026-11-11"),
                approved(over, 3, "dtc-webstore", "DTC", "10", "2026-10-01", "2026-10-20")), "PROMO_FREQUENCY");
        assertThat(finding.figures()).containsEntry("promoDays", 31).containsEntry("maxPromoDays", 30);
        assertThat(finding.source().row()).isEqualTo(12);
    }

    @Test
    void promoDaysOutsideTheNinetyDaysDoNotCount() {
        Offer offer = promoOffer().build();
        assertThat(codes(evaluate(offer, terms(offer, "10", "2026-11-01", "2026-11-11"),
                approved(offer, 3, "dtc-webstore", "DTC", "10", "2026-06-01", "2026-06-30"))))
                .doesNotContain("PROMO_FREQUENCY");
    }

    @Test
    void warnsWhenEnginesDifferInDepthBeyondTolerance() {
        Offer offer = promoOffer().build();
        Finding finding = only(evaluate(offer, terms(offer, "25", "2026-11-27", "2026-11-30"),
                approved(offer, 9, "amazon-us", "MARKETPLACE", "14", "2026-11-20", "2026-11-30")), "PROMO_CHANNEL_CONFLICT");
        assertThat(finding.severity()).isEqualTo(Severity.WARN);
        assertThat(finding.figures()).containsEntry("otherChannel", "amazon-us");
        Offer withinTolerance = promoOffer().build();
        assertThat(codes(evaluate(withinTolerance, terms(withinTolerance, "25", "2026-11-27", "2026-11-30"),
                approved(withinTolerance, 9, "amazon-us", "MARKETPLACE", "15", "2026-11-20", "2026-11-30"))))
                .doesNotContain("PROMO_CHANNEL_CONFLICT");
    }

    @Test
    void marginFindingsApplyAtThePromoPrice() {
        Offer offer = promoOffer().price("10.00").cost("10.50").build();
        assertThat(codes(evaluate(offer, terms(offer, "10", "2026-11-27", "2026-11-30")))).contains("NEGATIVE_MARGIN");
    }
}
