package dev.governor.budget;

import dev.governor.guardrail.BudgetShift;
import dev.governor.guardrail.BudgetWeek;
import dev.governor.guardrail.LineFlex;
import dev.governor.guardrail.Results;
import dev.governor.guardrail.Verdict;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Ruleset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BudgetRules asks a ruleset about one week of media budget: which lines the Lines sheet plans and,
 * for a shift, what the budget rules find. What recorded shifts already did to each line comes in as
 * {@link LineFlex}; a line without one has had nothing moved yet.
 */
public final class BudgetRules {

    /** Outcome is the week's planned lines, in sheet order, and the evaluation of the shift (if any). */
    public record Outcome(Map<String, WeekLine> lines, Evaluation evaluation) {
    }

    private BudgetRules() {
    }

    public static Outcome evaluate(Ruleset ruleset, IsoWeek week, BudgetShift shift, Map<String, LineFlex> flex) {
        List<Object> facts = new ArrayList<>();
        for (String engine : CatalogService.ENGINES) {
            facts.add(new BudgetWeek(week.toString(), engine));
        }
        if (shift != null) {
            facts.add(shift);
            facts.add(flex.getOrDefault(shift.fromLine(), LineFlex.none(shift.fromLine())));
            facts.add(flex.getOrDefault(shift.toLine(), LineFlex.none(shift.toLine())));
        }
        Results results = ruleset.evaluate(facts);
        Map<String, WeekLine> lines = new LinkedHashMap<>();
        results.budgetLines().stream()
                .sorted(java.util.Comparator.comparingInt(chosen -> chosen.line().sheetRow()))
                .forEach(chosen -> lines.put(chosen.line().line(), WeekLine.of(chosen.line(),
                        flex.getOrDefault(chosen.line().line(), LineFlex.none(chosen.line().line())),
                        ruleset.sourceOf(chosen.rule(), chosen.line().row()))));
        Evaluation evaluation = ruleset.evaluations(results).getOrDefault(0,
                new Evaluation(Verdict.APPROVED, List.of(), List.of(), ruleset.hash()));
        return new Outcome(lines, evaluation);
    }
}
