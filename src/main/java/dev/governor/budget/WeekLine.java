package dev.governor.budget;

import dev.governor.guardrail.BudgetLine;
import dev.governor.guardrail.LineFlex;
import dev.governor.guardrail.Source;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * WeekLine is one budget line in one week as its people see it: the plan and its fixed and flex parts
 * from the Lines row that planned it, what approved shifts moved in and out, what shifts waiting for
 * approval hold, what remains of the flex, the limits that apply, and the shifts behind the figures:
 * how many, and the latest of them ({@code GET /api/budget-shifts?week=…&line=…} pages through all).
 */
public record WeekLine(String line, String engine, String mediaChannel, BigDecimal plan, BigDecimal fixedPercent,
                       BigDecimal fixed, BigDecimal flex, BigDecimal movedIn, BigDecimal movedOut, BigDecimal heldOut,
                       BigDecimal remaining, BigDecimal spend, BigDecimal maxShiftPercent, BigDecimal maxShift,
                       BigDecimal evidenceThreshold, BigDecimal cmPercent, BigDecimal breakEvenRoas,
                       BigDecimal safetyFactor, BigDecimal requiredRoas, Source source, int shiftCount,
                       List<ShiftRef> shifts) {

    /** ShiftRef is a shift behind a line's figures: into or out of the line, from or to which other line. */
    public record ShiftRef(long id, String direction, String otherLine, BigDecimal amount, String status) {
    }

    static WeekLine of(BudgetLine planned, LineFlex flex, Source source) {
        BigDecimal breakEven = planned.cmPercent().signum() == 0 ? null
                : BigDecimal.valueOf(100).divide(planned.cmPercent(), 6, RoundingMode.HALF_UP);
        return new WeekLine(planned.line(), planned.engine(), planned.mediaChannel(), money(planned.plan()),
                planned.fixedPercent(), money(planned.fixed()), money(planned.flex()), money(flex.movedIn()),
                money(flex.movedOut()), money(flex.heldOut()), money(flex.remaining(planned)),
                money(flex.spend(planned)), planned.maxShiftPercent(), money(planned.maxShift()),
                money(planned.evidenceAmount()), planned.cmPercent(), breakEven == null ? null : money(breakEven),
                planned.safetyFactor(), breakEven == null ? null : money(breakEven.multiply(planned.safetyFactor())),
                source, 0, List.of());
    }

    WeekLine withShifts(int count, List<ShiftRef> latest) {
        return new WeekLine(line, engine, mediaChannel, plan, fixedPercent, fixed, flex, movedIn, movedOut, heldOut,
                remaining, spend, maxShiftPercent, maxShift, evidenceThreshold, cmPercent, breakEvenRoas, safetyFactor,
                requiredRoas, source, count, List.copyOf(latest));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
