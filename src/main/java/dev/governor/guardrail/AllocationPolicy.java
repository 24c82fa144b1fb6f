package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * AllocationPolicy is a Priorities table row that matches a channel's situation: its priority tier
 * (1 is served first), its safety floor in weeks of cover, its weight for sharing what is left, the
 * largest share of the available units it may hold, and how hard a shortfall below the floor speaks.
 * {@code sheetRow} orders the rows: the first matching row decides.
 */
public record AllocationPolicy(ChannelSituation situation, int sheetRow, int tier, BigDecimal floorWeeks,
                               BigDecimal weight, BigDecimal maxSharePercent, Severity shortfallSeverity,
                               TableRow row) {

    public static AllocationPolicy from(ChannelSituation situation, TableRow row, Severity shortfallSeverity) {
        return new AllocationPolicy(situation, row.sheetRow(), row.integer("tier"), row.decimal("floorWeeks"),
                row.decimal("weight"), row.decimal("maxSharePercent"), shortfallSeverity, row);
    }
}
