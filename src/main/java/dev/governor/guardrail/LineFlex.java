package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * LineFlex is what recorded shifts already did to a line in the week: approved amounts moved in and
 * out, and amounts held by shifts out of the line that still wait for approval.
 */
public record LineFlex(String line, BigDecimal movedIn, BigDecimal movedOut, BigDecimal heldOut) {

    public static LineFlex none(String line) {
        return new LineFlex(line, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** What remains of the line's flex: flex, plus what moved in, less what moved out or is held. */
    public BigDecimal remaining(BudgetLine planned) {
        return planned.flex().add(movedIn).subtract(movedOut).subtract(heldOut);
    }

    /** What has left or is leaving the line this week: approved and held shifts out. */
    public BigDecimal outgoing() {
        return movedOut.add(heldOut);
    }

    /** The line's spend this week as approved shifts leave it: plan, plus in, less out. */
    public BigDecimal spend(BudgetLine planned) {
        return planned.plan().add(movedIn).subtract(movedOut);
    }
}
