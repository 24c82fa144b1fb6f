package dev.governor.allocation;

import dev.governor.core.Json;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Severity;
import dev.governor.guardrail.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worked examples on the shipped allocation tables, one or more for every row of the Bands and
 * Priorities sheets, with the figures worked out by hand; then properties of whole plans over random
 * requests on the sample catalog.
 */
class AllocationRulesTest {

    private static final String WORKBOOK = "decision-tables/allocation/allocation.drl.xlsx";

    private static SkuPlan.ChannelPlan channel(SkuPlan plan, String code) {
        return plan.channels().stream().filter(channel -> channel.channel().equals(code)).findFirst().orElseThrow();
    }

    private static int priorityRow(SkuPlan plan, String code) {
        var source = channel(plan, code).treatment().source();
        assertThat(source.workbook()).isEqualTo(WORKBOOK);
        assertThat(source.sheet()).isEqualTo("Priorities");
        return source.row();
    }

    private static String teaRequest(String sku, long available, String channels) {
        return """
                {"horizonWeeks": 4, "sku": "%s", "available": %d, "channels": [%s]}""".formatted(sku, available, channels);
    }

    @ParameterizedTest(name = "{0} units for 1000 needed → {1} (Bands row {2})")
    @CsvSource({"300, CRITICAL, 12", "499, CRITICAL, 12", "500, TIGHT, 13", "900, SHORT, 14", "1000, AMPLE, 15",
            "1200, AMPLE, 15"})
    void bandsRows(long available, String band, int row) {
        SkuPlan plan = Planning.plan(teaRequest("TEA-003", available, """
                {"channel": "amazon-us", "weeklyForecast": 150}, {"channel": "dtc-webstore", "weeklyForecast": 100}"""));
        assertThat(plan.band().name()).isEqualTo(band);
        assertThat(plan.band().source().sheet()).isEqualTo("Bands");
        assertThat(plan.band().source().row()).isEqualTo(row);
    }

    @Test
    void tightSupplyContractsFloorsThenWeightRows16_19_21() {
        SkuPlan plan = Planning.plan(teaRequest("TEA-003", 1000, """
                {"channel": "amazon-us", "weeklyForecast": 175}, {"channel": "dtc-webstore", "weeklyForecast": 120},
                {"channel": "wholesale", "weeklyForecast": 0, "committed": 200}"""));
        assertThat(plan.band().name()).isEqualTo("TIGHT");
        assertThat(plan.tightness()).isEqualByComparingTo("0.7246");
        assertThat(priorityRow(plan, "amazon-us")).isEqualTo(16);
        assertThat(priorityRow(plan, "dtc-webstore")).isEqualTo(19);
        assertThat(priorityRow(plan, "wholesale")).isEqualTo(21);
        // CRITICAL (below 0.5 × 1,380 units needed) plans up to 689 units: wholesale's contract, then floors by
        // tier (2 weeks of 175, 1 week of 120), then 19 by its weight 50:30; TIGHT adds the other 311 by 50:40
        assertThat(plan.explanation()).isEqualTo("CRITICAL up to 689 units: wholesale 200 (contract, tier 4) → amazon-us"
                + " floor 2 weeks: 350 (tier 1) → dtc-webstore floor 1 week: 120 (tier 2) → remaining 19 by weight"
                + " 50/30: amazon-us 12, dtc-webstore 7; TIGHT on top: remaining 311 by weight 50/40: amazon-us 171,"
                + " dtc-webstore 140 → unallocated 0");
        assertThat(channel(plan, "amazon-us").units()).isEqualTo(533);
        assertThat(channel(plan, "amazon-us").coverWeeks()).isEqualByComparingTo("3.05");
        assertThat(channel(plan, "amazon-us").shortfall()).isEqualTo(167);
        assertThat(channel(plan, "dtc-webstore").units()).isEqualTo(267);
        assertThat(channel(plan, "dtc-webstore").coverWeeks()).isEqualByComparingTo("2.23");
        assertThat(channel(plan, "wholesale").units()).isEqualTo(200);
        assertThat(plan.findings()).isEmpty();
        assertThat(plan.verdict()).isEqualTo(Verdict.APPROVED);
    }

    @Test
    void criticalSupplyKeepsTheFbaFloorFirstRows15_18_20() {
        SkuPlan plan = Planning.plan(teaRequest("TEA-003", 300, """
                {"channel": "amazon-us", "weeklyForecast": 175}, {"channel": "dtc-webstore", "weeklyForecast": 120},
                {"channel": "wholesale", "weeklyForecast": 0, "committed": 100}"""));
        assertThat(plan.band().name()).isEqualTo("CRITICAL");
        assertThat(priorityRow(plan, "amazon-us")).isEqualTo(15);
        assertThat(priorityRow(plan, "dtc-webstore")).isEqualTo(18);
        assertThat(priorityRow(plan, "wholesale")).isEqualTo(20);
        // the contract first (100), then FBA's 2-week floor (350) takes the 200 left; DTC gets nothing
        assertThat(plan.channels()).extracting(SkuPlan.ChannelPlan::units).containsExactly(200L, 0L, 100L);
        List<Finding> shortfalls = plan.findings();
        assertThat(shortfalls).extracting(Finding::code).containsOnly("ALLOCATION_SHORTFALL");
        assertThat(shortfalls).extracting(finding -> finding.figures().get("channel"))
                .containsExactly("amazon-us", "dtc-webstore");
        Finding fba = shortfalls.get(0);
        assertThat(fba.severity()).isEqualTo(Severity.WARN);
        assertThat(fba.figures()).containsEntry("floorUnits", 350L).containsEntry("shortOfFloor", 150L);
        assertThat(fba.source().row()).isEqualTo(15);
        assertThat(shortfalls.get(1).source().row()).isEqualTo(18);
        assertThat(plan.verdict()).isEqualTo(Verdict.APPROVED);
    }

    @Test
    void dtcFirstForLaunchesRows12_13() {
        // TEA-010 launched 2026-11-20, two days before the horizon starts
        SkuPlan plan = Planning.plan(teaRequest("TEA-010", 500, """
                {"channel": "amazon-us", "weeklyForecast": 150}, {"channel": "dtc-webstore", "weeklyForecast": 100}"""));
        assertThat(plan.band().name()).isEqualTo("TIGHT");
        assertThat(priorityRow(plan, "dtc-webstore")).isEqualTo(12);
        assertThat(priorityRow(plan, "amazon-us")).isEqualTo(13);
        assertThat(channel(plan, "dtc-webstore").treatment().tier()).isEqualTo(1);
        // DTC's 2-week floor (200) before amazon's 1 week (150), then 150 by weight 60/40
        assertThat(channel(plan, "dtc-webstore").units()).isEqualTo(290);
        assertThat(channel(plan, "amazon-us").units()).isEqualTo(210);
    }

    @Test
    void ampleSupplyFillsEveryDemandRows14_17_21() {
        // TEA-001 is a hero SKU
        SkuPlan plan = Planning.plan(teaRequest("TEA-001", 2000, """
                {"channel": "amazon-us", "weeklyForecast": 175}, {"channel": "amazon-us-fbm", "weeklyForecast": 50},
                {"channel": "wholesale", "weeklyForecast": 0, "committed": 100}"""));
        assertThat(plan.band().name()).isEqualTo("AMPLE");
        assertThat(priorityRow(plan, "amazon-us")).isEqualTo(14);
        assertThat(channel(plan, "amazon-us").treatment().floorWeeks()).isEqualByComparingTo("3");
        assertThat(priorityRow(plan, "amazon-us-fbm")).isEqualTo(17);
        assertThat(priorityRow(plan, "wholesale")).isEqualTo(21);
        assertThat(plan.channels()).extracting(SkuPlan.ChannelPlan::units).containsExactly(700L, 200L, 100L);
        assertThat(plan.unallocated()).isEqualTo(1000);
        assertThat(plan.channels()).extracting(SkuPlan.ChannelPlan::shortfall).containsOnly(0L);
    }

    @Test
    void stockOnHandCountsTowardsFloorsAndDemand() {
        SkuPlan plan = Planning.plan(teaRequest("TEA-003", 100, """
                {"channel": "amazon-us", "weeklyForecast": 100, "onHand": 300},
                {"channel": "dtc-webstore", "weeklyForecast": 50}"""));
        // amazon needs 100 (400 less 300 on hand), DTC 200: tightness 100 / 300, CRITICAL
        assertThat(plan.tightness()).isEqualByComparingTo("0.3333");
        // amazon's 2-week floor (200) is on hand already; DTC's 1-week floor takes 50
        assertThat(channel(plan, "dtc-webstore").fromFloor()).isEqualTo(50);
        assertThat(channel(plan, "amazon-us").fromFloor()).isZero();
        // by weight, DTC may hold at most 60 % of the 100 units (row 18): FBA takes the other 40
        assertThat(channel(plan, "dtc-webstore").units()).isEqualTo(60);
        assertThat(channel(plan, "amazon-us").units()).isEqualTo(40);
        assertThat(channel(plan, "amazon-us").coverWeeks()).isEqualByComparingTo("3.40");
    }

    // ---- properties of whole plans on the shipped tables ----------------------------------------

    private static final String[] SKUS = {"TEA-001", "TEA-003", "TEA-010", "COF-001", "COF-006", "ACC-002"};
    private static final String[] CHANNELS = {"amazon-us", "amazon-us-fbm", "dtc-webstore", "wholesale"};

    private static String randomRequest(Random random, long available) {
        StringBuilder channels = new StringBuilder();
        for (String channel : CHANNELS) {
            if (random.nextInt(4) == 0 && channels.length() > 0) {
                continue;
            }
            channels.append(channels.length() == 0 ? "" : ", ").append("""
                    {"channel": "%s", "weeklyForecast": %s, "onHand": %d, "committed": %d}""".formatted(channel,
                    random.nextInt(300) + (random.nextBoolean() ? ".5" : ""), random.nextInt(3) == 0 ? random.nextInt(200) : 0,
                    channel.equals("wholesale") ? random.nextInt(300) : 0));
        }
        return """
                {"horizonWeeks": %d, "sku": "%s", "available": %d, "channels": [%s]}""".formatted(
                1 + random.nextInt(8), SKUS[random.nextInt(SKUS.length)], available, channels);
    }

    @Test
    void samePlanForTheSameRequestAndMoreSupplyNeverTakesUnitsWithinABand() throws Exception {
        Random random = new Random(20261122L);
        int compared = 0;
        for (int c = 0; c < 300; c++) {
            long available = random.nextInt(3_000);
            long seed = random.nextLong();
            String request = randomRequest(new Random(seed), available);
            SkuPlan plan = Planning.plan(request);
            assertThat(Json.MAPPER.writeValueAsString(Planning.plan(request)))
                    .isEqualTo(Json.MAPPER.writeValueAsString(plan));
            assertThat(plan.allocated() + plan.unallocated()).isEqualTo(available);
            long more = available + 1 + random.nextInt(200);
            SkuPlan richer = Planning.plan(randomRequest(new Random(seed), more));
            if (!richer.band().name().equals(plan.band().name())) {
                continue;
            }
            compared++;
            Map<String, Long> before = new HashMap<>();
            plan.channels().forEach(channel -> before.put(channel.channel(), channel.units()));
            for (SkuPlan.ChannelPlan channel : richer.channels()) {
                assertThat(channel.units()).as("case " + c + ": " + channel.channel() + ", " + available + " then "
                        + more + " units: " + request).isGreaterThanOrEqualTo(before.get(channel.channel()));
            }
        }
        assertThat(compared).isGreaterThan(100);
    }
}
