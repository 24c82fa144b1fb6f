package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * MarginFloor is the minimum CM % from the margin table. Its level says how specific the row is
 * (1 category on every channel, 2 category on one channel): the most specific row applies.
 */
public record MarginFloor(Offer offer, int level, BigDecimal floorPercent, Severity severity, TableRow row) {

    public static MarginFloor from(Offer offer, int level, TableRow row, Severity severity) {
        return new MarginFloor(offer, level, row.decimal("floorPercent"), severity, row);
    }
}
