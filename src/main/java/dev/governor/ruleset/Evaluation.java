package dev.governor.ruleset;

import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Verdict;
import java.math.BigDecimal;
import java.util.List;

/**
 * Evaluation is a ruleset's answer to one request: the verdict, the findings with their sources,
 * the margin figures at each offered price, and the version (content hash) of the ruleset.
 */
public record Evaluation(Verdict verdict, List<Finding> findings, List<MarginFigures> margins, String rulesetVersion) {

    /** MarginFigures are the contribution-margin figures of one SKU at its offered price, rounded to cents. */
    public record MarginFigures(String sku, BigDecimal price, BigDecimal cmPerUnit, BigDecimal cmPercent,
                                BigDecimal breakEvenRoas) {
    }
}
