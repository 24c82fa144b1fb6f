package dev.governor.ruleset;

import dev.governor.auth.Role;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Margin;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.RaciRoute;
import dev.governor.guardrail.Results;
import dev.governor.guardrail.Source;
import dev.governor.guardrail.TableRow;
import dev.governor.guardrail.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * Ruleset is one compiled ruleset version: its files' content hash, pooled sessions over its
 * knowledge base and over an unindexed twin of it for sessions of few facts (on a large ruleset, also
 * sessions of one request kept and emptied for reuse), and the index from generated table rules back
 * to workbook cells.
 * It is immutable and safe to use from many threads.
 */
public final class Ruleset implements AutoCloseable {

    /**
     * Up to this many facts a session runs on the unindexed knowledge base: a lone check, a proposal's
     * guardrails, a RACI route, and a group of up to {@link CheckGroups#MAX_GROUP} price checks: past it
     * the indexed knowledge base is the quicker (figures: docs/BENCHMARKS.md, "Why the engine's
     * constants are what they are").
     */
    static final int FEW_FACTS = 2 * CheckGroups.MAX_GROUP;
    /**
     * Up to this many facts (one price check, a proposal's guardrails, a RACI route) a session is a kept
     * one, on a ruleset large enough to have kept sessions ({@link RulesetCompiler#REUSE_FROM_RULES}):
     * emptying it costs what its facts touched, where a pool's reset costs what the whole knowledge base
     * holds; past a few facts, deleting them costs more than the reset (figures: docs/BENCHMARKS.md,
     * "Why the engine's constants are what they are").
     */
    static final int KEPT_FACTS = 2;

    private final String hash;
    private final RulesetFiles files;
    private final Sessions sessions;
    private final Sessions fewFactSessions;
    private final ReusedSessions kept;
    private final Semaphore slots = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final Map<String, TableLocation> tableRules;
    private final int ruleCount;
    private final double[] tightnessThresholds;

    Ruleset(RulesetFiles files, Sessions sessions, Sessions fewFactSessions, ReusedSessions kept,
            Map<String, TableLocation> tableRules, int ruleCount, double[] tightnessThresholds) {
        this.tightnessThresholds = tightnessThresholds.clone();
        this.files = files;
        this.hash = files.hash();
        this.sessions = sessions;
        this.fewFactSessions = fewFactSessions;
        this.kept = kept;
        this.tableRules = Map.copyOf(tableRules);
        this.ruleCount = ruleCount;
    }

    public String hash() {
        return hash;
    }

    /** The files this ruleset was compiled from. */
    public RulesetFiles files() {
        return files;
    }

    /**
     * The numbers, ascending, that the rules compare a SKU's supply tightness with: between two of them
     * the tightness band cannot change (the allocation planner starts each band from the one below it).
     */
    public double[] tightnessThresholds() {
        return tightnessThresholds.clone();
    }

    public int ruleCount() {
        return ruleCount;
    }

    /** Evaluates the facts of one request, all tagged ref 0, and answers for it. */
    public Evaluation evaluateRequest(List<?> facts) {
        Results results = evaluate(facts);
        return evaluationOf(results.findings(), results.margins());
    }

    /** The evaluation for request {@code ref}: approved with no findings when the rules said nothing about it. */
    Evaluation answerFor(Map<Integer, Evaluation> evaluations, int ref) {
        Evaluation evaluation = evaluations.get(ref);
        return evaluation != null ? evaluation : evaluationOf(List.of(), List.of());
    }

    /**
     * Routes a decision through the RACI table: the route of the first matching row, or empty when no
     * row matches (finance has not said who decides it).
     */
    public java.util.Optional<ApprovalRoute> route(ApprovalCase approvalCase) {
        Results results = evaluate(List.of(approvalCase));
        return results.routes().stream().findFirst().map(chosen -> {
            RaciRoute route = chosen.route();
            return new ApprovalRoute(approvalCase.decisionType(), roles(route.responsible()), roles(route.accountable()),
                    roles(route.consulted()), roles(route.informed()), route.signOffs(), route.expiresAfterDays(),
                    sourceOf(chosen.rule(), route.row()), hash);
        });
    }

    private static List<Role> roles(List<String> ids) {
        return ids.stream().map(id -> Role.find(id).orElseThrow(() ->
                new IllegalStateException("the RACI table names an unknown role '" + id + "'"))).toList();
    }

    /** Whether sessions of one request are kept and emptied for reuse ({@link #KEPT_FACTS}). */
    boolean keepsSessions() {
        return kept != null;
    }

    /** How many sessions of few facts were disposed of instead of kept for the next evaluation (see {@link ReusedSessions}). */
    long discardedSessions() {
        return kept == null ? 0 : kept.discarded();
    }

    /** Releases the sessions of this ruleset, pooled and kept. */
    @Override
    public void close() {
        sessions.close();
        fewFactSessions.close();
        if (kept != null) {
            kept.close();
        }
    }

    /**
     * Inserts the facts into a session of this ruleset, fires every rule, and returns what the rules
     * said. See {@link #FEW_FACTS} and {@link #KEPT_FACTS} for which session an evaluation gets.
     * At most one evaluation per core runs at a time, whoever calls: every HTTP thread running Drools at
     * once thrashes the cores.
     */
    public Results evaluate(List<?> facts) {
        Results results = new Results();
        slots.acquireUninterruptibly();
        try {
            sessionsFor(facts.size()).evaluate(facts, results);
        } finally {
            slots.release();
        }
        return results;
    }

    private Sessions sessionsFor(int facts) {
        if (kept != null && facts <= KEPT_FACTS) {
            return kept;
        }
        return facts <= FEW_FACTS ? fewFactSessions : sessions;
    }

    /** Turns what the rules said into one {@link Evaluation} per request ref, findings worst first. */
    public Map<Integer, Evaluation> evaluations(Results results) {
        Map<Integer, List<Results.RuleFinding>> findings = new HashMap<>();
        Map<Integer, List<Margin>> margins = new HashMap<>();
        for (Results.RuleFinding raw : results.findings()) {
            findings.computeIfAbsent(raw.ref(), ref -> new ArrayList<>()).add(raw);
        }
        for (Margin margin : results.margins()) {
            margins.computeIfAbsent(margin.offer().ref(), ref -> new ArrayList<>()).add(margin);
        }
        Map<Integer, Evaluation> evaluations = new HashMap<>();
        Set<Integer> refs = new HashSet<>(findings.keySet());
        refs.addAll(margins.keySet());
        for (Integer ref : refs) {
            evaluations.put(ref, evaluationOf(findings.getOrDefault(ref, List.of()), margins.getOrDefault(ref, List.of())));
        }
        return evaluations;
    }

    /** The evaluation of one request from what the rules said about it: findings worst first, margins by SKU. */
    private Evaluation evaluationOf(List<Results.RuleFinding> raw, List<Margin> margins) {
        List<Finding> sorted = new ArrayList<>(raw.size());
        for (Results.RuleFinding finding : raw) {
            sorted.add(new Finding(finding.code(), finding.severity(), finding.sku(), finding.message(),
                    sourceOf(finding.rule(), finding.row()), finding.figures()));
        }
        sorted.sort(WORST_FIRST);
        List<Evaluation.MarginFigures> figures = new ArrayList<>(margins.size());
        for (Margin margin : margins) {
            Offer offer = margin.offer();
            figures.add(new Evaluation.MarginFigures(offer.sku(), cents(offer.price()), cents(margin.cmPerUnit()),
                    cents(margin.cmPercent()), margin.breakEvenRoas() == null ? null : cents(margin.breakEvenRoas())));
        }
        figures.sort(Comparator.comparing(Evaluation.MarginFigures::sku));
        return new Evaluation(Verdict.of(sorted), List.copyOf(sorted), List.copyOf(figures), hash);
    }

    private static final Comparator<Finding> WORST_FIRST = Comparator
            .comparing((Finding finding) -> finding.severity().ordinal()).reversed()
            .thenComparing(Finding::code)
            .thenComparing(finding -> finding.sku() == null ? "" : finding.sku())
            .thenComparing(Finding::message);

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** Where a finding reported by {@code rule} with table row {@code row} lives, for people to open it. */
    public Source sourceOf(String rule, TableRow row) {
        Source source = Source.rule(rule);
        if (row == null) {
            return source;
        }
        TableLocation location = tableRules.get(key(row.packageName(), row.ruleName()));
        return location == null ? source
                : source.withTable(location.workbook(), location.sheet(), location.row(), row.ruleName());
    }

    static String key(String packageName, String ruleName) {
        return packageName + "|" + ruleName;
    }
}
