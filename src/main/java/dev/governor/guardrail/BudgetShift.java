package dev.governor.guardrail;

import java.math.BigDecimal;

/**
 * BudgetShift is a lead's request to move {@code amount} of a week's media budget from one line to
 * another, with the destination's measured marginal ROAS and whether incrementality evidence (a
 * holdout, geo or budget test) backs it.
 */
public record BudgetShift(String week, String fromLine, String toLine, BigDecimal amount, BigDecimal marginalRoas,
                          String evidenceKind) {

    public boolean hasEvidence() {
        return evidenceKind != null;
    }
}
