package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * LineFlex is what recorded shifts already did to a line in the week: approved amounts moved in and
 * out, amounts held by shifts out of the line that still wait for approval, and — for shifts into the
 * line, approved or waiting — the amount still waiting, the amount without incrementality evidence,
 * and the sales they are expected to bring (amount × their marginal ROAS).
 */
public record LineFlex(String line, BigDecimal movedIn, BigDecimal movedOut, BigDecimal heldOut, BigDecimal heldIn,
                       BigDecimal unevidencedIn, BigDecimal salesIn) {

    /** What approved shifts and shifts out waiting did, with nothing coming in while waiting. */
    public LineFlex(String line, BigDecimal movedIn, BigDecimal movedOut, BigDecimal heldOut) {
        this(line, movedIn, movedOut, heldOut, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

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

    /**
     * The spend the TACoS cap is judged on: as {@link #spend}, plus the shifts into the line still waiting
     * (each counted with the sales it claims, in {@link #salesIn}).
     */
    public BigDecimal spendCountingWaiting(BudgetLine planned) {
        return spend(planned).add(heldIn);
    }
}
