package dev.governor.guardrail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.runtime.rule.RuleContext;

/**
 * Results collects what the rules say during one evaluation; it is passed to the session as the
 * global {@code results}, never inserted as a fact, so table rows are not joined against it.
 */
public final class Results {

    /** RuleFinding is a finding as a rule reported it, before its source is resolved to a workbook cell. */
    public record RuleFinding(int ref, String code, Severity severity, String sku, String message,
                              String rule, TableRow row, Map<String, Object> figures) {
    }

    private final List<RuleFinding> findings = new ArrayList<>();
    private final List<Margin> margins = new ArrayList<>();
    private final List<RuleRoute> routes = new ArrayList<>();
    private final List<RuleBand> bands = new ArrayList<>();
    private final List<RulePolicy> policies = new ArrayList<>();
    private final List<RuleBudgetLine> budgetLines = new ArrayList<>();

    /** RuleBudgetLine is the Lines row a rule chose to plan a budget line in a week, with the name of that rule. */
    public record RuleBudgetLine(BudgetLine line, String rule) {
    }

    /** RuleBand is the Bands row a rule chose for a SKU, with the name of that rule. */
    public record RuleBand(SupplyBand band, String rule) {
    }

    /** RulePolicy is the Priorities row a rule chose for a channel of a SKU, with the name of that rule. */
    public record RulePolicy(AllocationPolicy policy, String rule) {
    }

    /** RuleRoute is the RACI row a rule chose for an approval case, with the name of that rule. */
    public record RuleRoute(RaciRoute route, String rule) {
    }

    public void add(Offer offer, String code, Severity severity, String message, RuleContext drools,
                    TableRow row, Object... figures) {
        add(offer.ref(), offer.sku(), code, severity, message, drools, row, figures);
    }

    /** A finding about a request that is not about a SKU (a budget shift): ref 0, no SKU. */
    public void add(String code, Severity severity, String message, RuleContext drools, TableRow row,
                    Object... figures) {
        add(0, null, code, severity, message, drools, row, figures);
    }

    private void add(int ref, String sku, String code, Severity severity, String message, RuleContext drools,
                     TableRow row, Object... figures) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i + 1 < figures.length; i += 2) {
            named.put((String) figures[i], figures[i + 1]);
        }
        findings.add(new RuleFinding(ref, code, severity, sku, message, drools.getRule().getName(), row, named));
    }

    public void budgetLine(BudgetLine line, RuleContext drools) {
        budgetLines.add(new RuleBudgetLine(line, drools.getRule().getName()));
    }

    public List<RuleBudgetLine> budgetLines() {
        return budgetLines;
    }

    public void margin(Margin margin) {
        margins.add(margin);
    }

    public void route(RaciRoute route, RuleContext drools) {
        routes.add(new RuleRoute(route, drools.getRule().getName()));
    }

    public void band(SupplyBand band, RuleContext drools) {
        bands.add(new RuleBand(band, drools.getRule().getName()));
    }

    public void policy(AllocationPolicy policy, RuleContext drools) {
        policies.add(new RulePolicy(policy, drools.getRule().getName()));
    }

    public List<RuleBand> bands() {
        return bands;
    }

    public List<RulePolicy> policies() {
        return policies;
    }

    public List<RuleRoute> routes() {
        return routes;
    }

    public List<RuleFinding> findings() {
        return findings;
    }

    public List<Margin> margins() {
        return margins;
    }
}
