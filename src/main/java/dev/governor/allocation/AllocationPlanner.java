package dev.governor.allocation;

import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import dev.governor.guardrail.AllocationChannel;
import dev.governor.guardrail.AllocationPolicy;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Results;
import dev.governor.guardrail.Source;
import dev.governor.guardrail.SupplyBand;
import dev.governor.guardrail.SupplySituation;
import dev.governor.guardrail.Verdict;
import dev.governor.ruleset.Ruleset;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * AllocationPlanner answers an allocation request with a ruleset: the rules choose each SKU's
 * tightness band and each channel's treatment from the allocation tables, the {@link Allocator} splits
 * the units, and the planner explains the split and reports what the tables ask to be reported.
 * <p>
 * Longer than most classes because a plan is one pass with shared state: the SKUs' sessions, the
 * probes shared by SKUs the tables cannot tell apart, and the band boundaries each looser band
 * starts from (so more supply never takes a unit away) are built and read in the same loop;
 * pulled apart, each piece would need the whole of it.
 */
final class AllocationPlanner {

    static final String SHORTFALL = "ALLOCATION_SHORTFALL";
    static final String OVERRIDE = "ALLOCATION_OVERRIDE";
    /** SKUs evaluated in one Drools session: bounded so one huge request does not hold one session long. */
    private static final int SKUS_PER_SESSION = 2_000;

    private AllocationPlanner() {
    }

    /** The plan of every SKU of the request, in the request's order. */
    static List<SkuPlan> plan(Ruleset ruleset, AllocationRequest request) {
        int size = request.lines().size();
        int chunks = (size + SKUS_PER_SESSION - 1) / SKUS_PER_SESSION;
        List<String> unmatched = java.util.Collections.synchronizedList(new ArrayList<>());
        // chunks are planned side by side (the ruleset lets one evaluation per core run at once)
        List<SkuPlan> plans = java.util.stream.IntStream.range(0, chunks).parallel()
                .mapToObj(chunk -> planChunk(ruleset, request, request.lines().subList(chunk * SKUS_PER_SESSION,
                        Math.min(size, (chunk + 1) * SKUS_PER_SESSION)), unmatched))
                .flatMap(List::stream).toList();
        unmatched.sort(null);
        if (!unmatched.isEmpty()) {
            throw new Refusal(ErrorCode.NO_ALLOCATION_RULE, "the allocation tables do not say how to treat "
                    + unmatched.size() + " case(s), e.g. " + String.join("; ", unmatched.subList(0,
                    Math.min(5, unmatched.size()))) + ": finance must add a matching row to "
                    + "decision-tables/allocation", List.of(), Map.of("unmatched", unmatched));
        }
        return plans;
    }

    /**
     * Stage is one stretch of a SKU's supply over which its band does not change: the band, how it
     * treats each channel, and the most units of the stretch (the units available, for the last).
     */
    record Stage(Results.RuleBand band, Map<String, Results.RulePolicy> treated, long upTo) {
    }

    /** Probe is a supply count at which a SKU's band may begin to differ: evaluated like the SKU itself. */
    private record Probe(long units, long upTo, int ref) {
    }

    private static List<SkuPlan> planChunk(Ruleset ruleset, AllocationRequest request, List<AllocationRequest.Line> lines,
                                           List<String> unmatched) {
        List<Object> facts = new ArrayList<>();
        List<BigDecimal> tightness = new ArrayList<>(lines.size());
        List<List<Probe>> probes = new ArrayList<>(lines.size());
        double[] thresholds = ruleset.tightnessThresholds();
        int nextRef = lines.size();
        Map<String, Integer> probeRefs = new HashMap<>();
        for (int ref = 0; ref < lines.size(); ref++) {
            AllocationRequest.Line line = lines.get(ref);
            long needed = 0;
            for (AllocationRequest.ChannelInput channel : line.channels()) {
                needed += Math.max(0, Math.max(demand(channel, request.horizonWeeks()), channel.committed())
                        - channel.onHand());
            }
            tightness.add(needed == 0 ? null : BigDecimal.valueOf(line.available())
                    .divide(BigDecimal.valueOf(needed), 4, RoundingMode.HALF_UP));
            var launch = line.product().launchDate();
            long days = launch == null ? Integer.MAX_VALUE : ChronoUnit.DAYS.between(launch, request.start());
            int sinceLaunch = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, days));
            addSituation(facts, line, ref, ratio(line.available(), needed), sinceLaunch);
            // every stretch below the one that holds the units available is probed: its band may differ.
            // A probe is shared by every SKU that the tables cannot tell apart from it there: the same side
            // of every threshold, hero or not, days since launch, and channels.
            List<Long> starts = bandStarts(line.available(), needed, thresholds);
            List<Probe> below = new ArrayList<>();
            for (int i = 0; i + 1 < starts.size(); i++) {
                double probeRatio = ratio(starts.get(i), needed);
                String key = probeKey(probeRatio, thresholds, line, sinceLaunch);
                Integer shared = probeRefs.get(key);
                if (shared == null) {
                    shared = nextRef++;
                    probeRefs.put(key, shared);
                    addSituation(facts, line, shared, probeRatio, sinceLaunch);
                }
                below.add(new Probe(starts.get(i), starts.get(i + 1) - 1, shared));
            }
            probes.add(below);
        }
        Results results = ruleset.evaluate(facts);
        Map<Integer, Results.RuleBand> bands = new HashMap<>();
        results.bands().forEach(band -> bands.put(band.band().situation().ref(), band));
        Map<Integer, Map<String, Results.RulePolicy>> policies = new HashMap<>();
        results.policies().forEach(policy -> policies.computeIfAbsent(
                policy.policy().situation().allocationChannel().situation().ref(), ref -> new HashMap<>())
                .put(policy.policy().situation().channel(), policy));
        List<SkuPlan> plans = new ArrayList<>(lines.size());
        for (int ref = 0; ref < lines.size(); ref++) {
            AllocationRequest.Line line = lines.get(ref);
            String sku = line.product().sku();
            List<Probe> below = probes.get(ref);
            // the stretches of supply up to the units available, tightest first, each with its band
            List<Stage> stages = new ArrayList<>();
            boolean complete = true;
            for (int i = 0; i <= below.size(); i++) {
                int stageRef = i < below.size() ? below.get(i).ref() : ref;
                long units = i < below.size() ? below.get(i).units() : line.available();
                long upTo = i < below.size() ? below.get(i).upTo() : line.available();
                Results.RuleBand band = bands.get(stageRef);
                if (band == null) {
                    unmatched.add("no Bands row for " + sku + " at tightness " + (tightness.get(ref) == null
                            ? "∞ (no demand)" : describe(units, line.available(), tightness.get(ref))));
                    complete = false;
                    break;
                }
                Map<String, Results.RulePolicy> treated = policies.getOrDefault(stageRef, Map.of());
                for (AllocationRequest.ChannelInput channel : line.channels()) {
                    if (!treated.containsKey(channel.channel().code())) {
                        unmatched.add("no Priorities row for " + channel.channel().code() + " ("
                                + channel.channel().engine() + ") of " + sku + " in band " + band.band().band());
                        complete = false;
                    }
                }
                if (!complete) {
                    break;
                }
                Stage last = stages.isEmpty() ? null : stages.get(stages.size() - 1);
                if (last != null && last.band().band().band().equals(band.band().band())) {
                    stages.set(stages.size() - 1, new Stage(band, treated, upTo));
                } else {
                    stages.add(new Stage(band, treated, upTo));
                }
            }
            if (complete) {
                plans.add(planLine(ruleset, request, line, tightness.get(ref), stages));
            }
        }
        return plans;
    }

    private static void addSituation(List<Object> facts, AllocationRequest.Line line, int ref, double ratio,
                                     int sinceLaunch) {
        SupplySituation situation = new SupplySituation(ref, line.product().sku(), ratio, line.product().hero(),
                sinceLaunch);
        facts.add(situation);
        for (AllocationRequest.ChannelInput channel : line.channels()) {
            facts.add(new AllocationChannel(situation, channel.channel().code(), channel.channel().engine()));
        }
    }

    /**
     * What the tables can see of a probe: on which side of every tightness threshold its ratio lies, and
     * the SKU's hero flag, days since launch and channels. Probes with the same key get the same band
     * and the same treatment of every channel.
     */
    private static String probeKey(double ratio, double[] thresholds, AllocationRequest.Line line, int sinceLaunch) {
        StringBuilder key = new StringBuilder();
        for (double threshold : thresholds) {
            key.append(Double.compare(ratio, threshold) < 0 ? '<' : ratio == threshold ? '=' : '>');
        }
        key.append(line.product().hero()).append(' ').append(sinceLaunch);
        for (AllocationRequest.ChannelInput channel : line.channels()) {
            key.append(' ').append(channel.channel().code());
        }
        return key.toString();
    }

    private static double ratio(long units, long needed) {
        return needed == 0 ? Double.POSITIVE_INFINITY : (double) units / needed;
    }

    private static String describe(long units, long available, BigDecimal tightness) {
        return units == available ? tightness.toPlainString() : "for " + units + " units";
    }

    /**
     * The supply counts up to {@code available}, ascending and starting with 0, at which the tightness
     * band may change: for every threshold the rules compare tightness with, the fewest units at which
     * {@code units ÷ needed} reaches or passes it (computed as the rules compute it, in doubles). The
     * last opens the stretch that holds {@code available}. Just [0] when nothing is needed (tightness
     * is infinite whatever the supply) or no threshold is reached.
     */
    static List<Long> bandStarts(long available, long needed, double[] thresholds) {
        if (needed == 0) {
            return List.of(0L);
        }
        java.util.TreeSet<Long> starts = new java.util.TreeSet<>();
        for (double threshold : thresholds) {
            long reaches = Math.max(0, (long) Math.ceil(threshold * needed));
            while (reaches > 0 && (double) (reaches - 1) / needed >= threshold) {
                reaches--;
            }
            while ((double) reaches / needed < threshold) {
                reaches++;
            }
            long passes = reaches;
            while ((double) passes / needed <= threshold) {
                passes++;
            }
            for (long start : new long[] {reaches, passes}) {
                if (start > 0 && start <= available) {
                    starts.add(start);
                }
            }
        }
        List<Long> result = new ArrayList<>();
        result.add(0L);
        result.addAll(starts);
        return result;
    }

    /**
     * Plans one SKU stage by stage: each stage's split starts from the split of the stage below at the
     * top of its stretch, so more supply never takes a unit away from a channel, across bands too.
     */
    private static SkuPlan planLine(Ruleset ruleset, AllocationRequest request, AllocationRequest.Line line,
                                    BigDecimal tightness, List<Stage> stages) {
        int horizon = request.horizonWeeks();
        Allocator.Split split = null;
        List<Allocator.Need> needs = null;
        List<Integer> stepsBefore = new ArrayList<>();
        for (Stage stage : stages) {
            needs = new ArrayList<>();
            for (AllocationRequest.ChannelInput channel : line.channels()) {
                AllocationPolicy policy = stage.treated().get(channel.channel().code()).policy();
                needs.add(new Allocator.Need(channel.channel().code(), policy.tier(), channel.onHand(),
                        channel.committed(), demand(channel, horizon),
                        units(channel.weeklyForecast().multiply(policy.floorWeeks())), policy.weight(),
                        policy.maxSharePercent()));
            }
            stepsBefore.add(split == null ? 0 : split.steps().size());
            split = Allocator.split(stage.upTo(), needs, split);
        }
        Stage stage = stages.get(stages.size() - 1);
        Results.RuleBand band = stage.band();
        Map<String, Results.RulePolicy> treated = stage.treated();
        Map<String, Long> computed = new LinkedHashMap<>();
        List<SkuPlan.ChannelPlan> channels = new ArrayList<>();
        for (int i = 0; i < needs.size(); i++) {
            Allocator.Need need = needs.get(i);
            Allocator.Share share = split.shares().get(i);
            computed.put(need.channel(), share.total());
            channels.add(channelPlan(ruleset, line.channels().get(i), need, share.total(), share,
                    treated.get(need.channel())));
        }
        String sku = line.product().sku();
        List<Finding> findings = new ArrayList<>();
        SkuPlan.Override override = null;
        Map<String, Long> inForce = computed;
        if (!line.override().isEmpty()) {
            override = override(line, computed);
            inForce = line.override();
            if (!override.matchesPlan()) {
                SupplyBand chosen = band.band();
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("movedUnits", override.movedUnits());
                figures.put("movedPercent", override.movedPercent());
                figures.put("proposed", override.proposed());
                figures.put("computed", override.computed());
                figures.put("band", chosen.band());
                findings.add(new Finding(OVERRIDE, chosen.overrideSeverity(), sku, "The proposed split moves "
                        + override.movedUnits() + " of " + line.available() + " units (" + override.movedPercent()
                        .toPlainString() + " %) away from the computed plan: " + differences(override),
                        ruleset.sourceOf(band.rule(), chosen.row()), figures));
            }
        }
        for (int i = 0; i < needs.size(); i++) {
            Allocator.Need need = needs.get(i);
            long units = inForce.get(need.channel());
            long position = need.onHand() + units;
            if (position < need.floorTarget()) {
                Results.RulePolicy rule = treated.get(need.channel());
                AllocationPolicy policy = rule.policy();
                SkuPlan.ChannelPlan plan = channels.get(i);
                BigDecimal cover = cover(position, plan.weeklyForecast());
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("channel", need.channel());
                figures.put("floorWeeks", policy.floorWeeks());
                figures.put("floorUnits", need.floorTarget());
                figures.put("onHand", need.onHand());
                figures.put("units", units);
                figures.put("coverWeeks", cover);
                figures.put("shortOfFloor", need.floorTarget() - position);
                findings.add(new Finding(SHORTFALL, policy.shortfallSeverity(), sku, need.channel() + " is left below "
                        + "its floor of " + weeks(policy.floorWeeks()) + ": " + units + " unit(s) and " + need.onHand()
                        + " on hand make " + position + " of the " + need.floorTarget() + " the floor needs ("
                        + (need.floorTarget() - position) + " short"
                        + (cover == null ? "" : ", " + cover.toPlainString() + " weeks of cover") + ")"
                        + (override != null ? " in the proposed split" : ""),
                        ruleset.sourceOf(rule.rule(), policy.row()), figures));
            }
        }
        findings.sort(Comparator.comparing((Finding finding) -> finding.severity().ordinal()).reversed()
                .thenComparing(Finding::code).thenComparing(Finding::message));
        List<SkuPlan.Step> steps = steps(split, stages, stepsBefore);
        return new SkuPlan(sku, line.available(), tightness,
                new SkuPlan.Band(band.band().band(), ruleset.sourceOf(band.rule(), band.band().row())),
                Verdict.of(findings), List.copyOf(channels), split.allocated(), split.unallocated(),
                explanation(steps, stages, split), steps, override, List.copyOf(findings));
    }

    private static SkuPlan.ChannelPlan channelPlan(Ruleset ruleset, AllocationRequest.ChannelInput input,
                                                   Allocator.Need need, long units, Allocator.Share share,
                                                   Results.RulePolicy rule) {
        AllocationPolicy policy = rule.policy();
        long position = need.onHand() + units;
        Source source = ruleset.sourceOf(rule.rule(), policy.row());
        return new SkuPlan.ChannelPlan(need.channel(), input.channel().engine(), input.weeklyForecast(), need.onHand(),
                need.committed(), need.demand(), need.floorTarget(), units, share.commitment(), share.floor(),
                share.weight(), cover(position, input.weeklyForecast()), Math.max(0, need.target() - position),
                position < need.floorTarget(), new SkuPlan.Treatment(policy.tier(), policy.floorWeeks(),
                policy.weight(), policy.maxSharePercent(), policy.shortfallSeverity().name(), source));
    }

    private static SkuPlan.Override override(AllocationRequest.Line line, Map<String, Long> computed) {
        // units moved: given to channels beyond the plan, or taken from them (when fewer are handed out in all)
        long added = 0;
        long taken = 0;
        for (var entry : computed.entrySet()) {
            long difference = line.override().get(entry.getKey()) - entry.getValue();
            added += Math.max(0, difference);
            taken += Math.max(0, -difference);
        }
        long moved = Math.max(added, taken);
        BigDecimal percent = line.available() == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(moved * 100)
                .divide(BigDecimal.valueOf(line.available()), 1, RoundingMode.HALF_UP);
        Map<String, Long> proposed = new LinkedHashMap<>();
        computed.keySet().forEach(channel -> proposed.put(channel, line.override().get(channel)));
        return new SkuPlan.Override(proposed, computed, moved, percent, proposed.equals(computed));
    }

    private static String differences(SkuPlan.Override override) {
        return override.proposed().entrySet().stream()
                .filter(entry -> !entry.getValue().equals(override.computed().get(entry.getKey())))
                .map(entry -> entry.getKey() + " " + entry.getValue() + " instead of " + override.computed().get(entry.getKey()))
                .collect(Collectors.joining(", "));
    }

    /** The waterfall in words, each step with the band whose stage handed its units out. */
    private static List<SkuPlan.Step> steps(Allocator.Split split, List<Stage> stages, List<Integer> stepsBefore) {
        List<SkuPlan.Step> steps = new ArrayList<>();
        int stage = 0;
        for (int i = 0; i < split.steps().size(); i++) {
            while (stage + 1 < stages.size() && i >= stepsBefore.get(stage + 1)) {
                stage++;
            }
            Allocator.Step step = split.steps().get(i);
            AllocationPolicy policy = stages.get(stage).treated().get(step.channel()).policy();
            String text = switch (step.phase()) {
                case COMMITMENT -> step.channel() + " " + step.units() + " (contract, tier " + step.tier() + ")";
                case FLOOR -> step.channel() + " floor " + weeks(policy.floorWeeks()) + ": " + step.units()
                        + " (tier " + step.tier() + ")";
                case WEIGHT -> step.channel() + " " + step.units() + " by weight " + weight(policy);
            };
            steps.add(new SkuPlan.Step(stages.get(stage).band().band().band(), step.phase().name(),
                    step.phase() == Allocator.Phase.WEIGHT ? null : step.tier(), step.channel(), step.units(), text,
                    weight(policy)));
        }
        return steps;
    }

    private static String weight(AllocationPolicy policy) {
        return policy.weight().stripTrailingZeros().toPlainString();
    }

    /**
     * The waterfall in one line. With more than one band, each band's part says up to how many units
     * it planned: the next band starts from that split.
     */
    private static String explanation(List<SkuPlan.Step> steps, List<Stage> stages, Allocator.Split split) {
        List<String> bands = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            String name = stages.get(s).band().band().band();
            List<String> parts = new ArrayList<>();
            List<String> byWeight = new ArrayList<>();
            List<String> weights = new ArrayList<>();
            long weighted = 0;
            for (SkuPlan.Step step : steps) {
                if (!step.band().equals(name)) {
                    continue;
                }
                if (step.phase().equals(Allocator.Phase.WEIGHT.name())) {
                    byWeight.add(step.channel() + " " + step.units());
                    weighted += step.units();
                    weights.add(step.weight());
                } else {
                    parts.add(step.text());
                }
            }
            if (!byWeight.isEmpty()) {
                parts.add("remaining " + weighted + " by weight " + String.join("/", weights) + ": "
                        + String.join(", ", byWeight));
            }
            if (stages.size() == 1) {
                bands.add(String.join(" → ", parts));
            } else if (s + 1 < stages.size()) {
                bands.add(name + " up to " + stages.get(s).upTo() + " units: "
                        + (parts.isEmpty() ? "nothing" : String.join(" → ", parts)));
            } else {
                bands.add(name + " on top: " + (parts.isEmpty() ? "nothing more" : String.join(" → ", parts)));
            }
        }
        String waterfall = String.join(stages.size() == 1 ? "" : "; ", bands);
        return (waterfall.isEmpty() ? "" : waterfall + " → ") + "unallocated " + split.unallocated();
    }

    static long demand(AllocationRequest.ChannelInput channel, int horizonWeeks) {
        return units(channel.weeklyForecast().multiply(BigDecimal.valueOf(horizonWeeks)));
    }

    /** Whole units for a number of units: any fraction of a unit needs one more. */
    private static long units(BigDecimal value) {
        return value.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal cover(long position, BigDecimal weeklyForecast) {
        return weeklyForecast.signum() == 0 ? null
                : BigDecimal.valueOf(position).divide(weeklyForecast, 2, RoundingMode.HALF_UP);
    }

    private static String weeks(BigDecimal weeks) {
        String number = weeks.stripTrailingZeros().toPlainString();
        return number + (weeks.compareTo(BigDecimal.ONE) == 0 ? " week" : " weeks");
    }
}
