package dev.governor.allocation;

import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Source;
import dev.governor.guardrail.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * SkuPlan is the answer for one SKU: its tightness band, the units each channel gets with the cover and
 * shortfall that leaves, how each channel was treated and which table row said so, the waterfall of
 * the split, the planner's own split when one was proposed, and the findings.
 */
public record SkuPlan(String sku, long available, BigDecimal tightness, Band band, Verdict verdict,
                      List<ChannelPlan> channels, long allocated, long unallocated, String explanation, List<Step> waterfall,
                      Override override, List<Finding> findings) {

    /** Band is the tightness band the Bands table chose, and where. */
    public record Band(String name, Source source) {
    }

    /** Treatment is how the Priorities table treats a channel, and where. */
    public record Treatment(int tier, BigDecimal floorWeeks, BigDecimal weight, BigDecimal maxSharePercent,
                            String shortfallSeverity, Source source) {
    }

    /**
     * ChannelPlan is one channel's part: what it asked for (forecast, stock on hand, commitments, demand over
     * the horizon, the floor), what it gets by phase, the weeks of cover that results (null without a
     * forecast) and what it still lacks against its demand.
     */
    public record ChannelPlan(String channel, String engine, BigDecimal weeklyForecast, long onHand, long committed,
                              long demand, long floorUnits, long units, long fromCommitment, long fromFloor,
                              long fromWeight, BigDecimal coverWeeks, long shortfall, boolean belowFloor,
                              Treatment treatment) {
    }

    /**
     * Step is one line of the waterfall, in words and in figures, with the band whose stage handed its
     * units out (a band starts from the split of the band below it at the top of that band's units).
     */
    public record Step(String band, String phase, Integer tier, String channel, long units, String text,
                       @com.fasterxml.jackson.annotation.JsonIgnore String weight) {
    }

    /** Override is the split the planner proposed instead, against the computed one. */
    public record Override(Map<String, Long> proposed, Map<String, Long> computed, long movedUnits,
                           BigDecimal movedPercent, boolean matchesPlan) {
    }
}
