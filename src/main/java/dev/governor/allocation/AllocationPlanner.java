package dev.governor.allocation;

import dev.governor.guardrail.AllocationChannel;
import dev.governor.guardrail.AllocationPolicy;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Results;
import dev.governor.guardrail.Source;
import dev.governor.guardrail.SupplyBand;
import dev.governor.guardrail.SupplySituation;
import dev.governor.guardrail.Verdict;
import dev.governor.http.ApiProblem;
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
            throw new ApiProblem(409, "no_allocation_rule", "the allocation tables do not say how to treat "
                    + unmatched.size() + " case(s), e.g. " + String.join("; ", unmatched.subList(0,
                    Math.min(5, unmatched.size()))) + ": finance must add a matching row to "
                    + "decision-tables/allocation", List.of(), Map.of("unmatched", unmatched));
        }
        return plans;
    }

    private static List<SkuPlan> planChunk(Ruleset ruleset, AllocationRequest request, List<AllocationRequest.Line> lines,
                                           List<String> unmatched) {
        List<Object> facts = new ArrayList<>();
        List<BigDecimal> tightness = new ArrayList<>(lines.size());
        for (int ref = 0; ref < lines.size(); ref++) {
            AllocationRequest.Line line = lines.get(ref);
            long needed = 0;
            for (AllocationRequest.ChannelInput channel : line.channels()) {
                needed += Math.max(0, Math.max(demand(channel, request.horizonWeeks()), channel.committed())
                        - channel.onHand());
            }
            double ratio = needed == 0 ? Double.POSITIVE_INFINITY : (double) line.available() / needed;
            tightness.add(needed == 0 ? null : BigDecimal.valueOf(line.available())
                    .divide(BigDecimal.valueOf(needed), 4, RoundingMode.HALF_UP));
            var launch = line.product().launchDate();
            long days = launch == null ? Integer.MAX_VALUE : ChronoUnit.DAYS.between(launch, request.start());
            SupplySituation situation = new SupplySituation(ref, line.product().sku(), ratio, line.product().hero(),
                    (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, days)));
            facts.add(situation);
            for (AllocationRequest.ChannelInput channel : line.channels()) {
                facts.add(new AllocationChannel(situation, channel.channel().code(), channel.channel().engine()));
            }
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
            Results.RuleBand band = bands.get(ref);
            String sku = line.product().sku();
            if (band == null) {
                unmatched.add("no Bands row for " + sku + " at tightness " + (tightness.get(ref) == null ? "∞ (no demand)"
                        : tightness.get(ref).toPlainString()));
                continue;
            }
            Map<String, Results.RulePolicy> treated = policies.getOrDefault(ref, Map.of());
            boolean complete = true;
            for (AllocationRequest.ChannelInput channel : line.channels()) {
                if (!treated.containsKey(channel.channel().code())) {
                    unmatched.add("no Priorities row for " + channel.channel().code() + " ("
                            + channel.channel().engine() + ") of " + sku + " in band " + band.band().band());
                    complete = false;
                }
            }
            if (complete) {
                plans.add(planLine(ruleset, request, line, tightness.get(ref), band, treated));
            }
        }
        return plans;
    }

    private static SkuPlan planLine(Ruleset ruleset, AllocationRequest request, AllocationRequest.Line line,
                                    BigDecimal tightness, Results.RuleBand band, Map<String, Results.RulePolicy> treated) {
        int horizon = request.horizonWeeks();
        List<Allocator.Need> needs = new ArrayList<>();
        for (AllocationRequest.ChannelInput channel : line.channels()) {
            AllocationPolicy policy = treated.get(channel.channel().code()).policy();
            needs.add(new Allocator.Need(channel.channel().code(), policy.tier(), channel.onHand(), channel.committed(),
                    demand(channel, horizon), units(channel.weeklyForecast().multiply(policy.floorWeeks())),
                    policy.weight(), policy.maxSharePercent()));
        }
        Allocator.Split split = Allocator.split(line.available(), needs);
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
        Map<String, AllocationPolicy> policies = new HashMap<>();
        treated.forEach((channel, rule) -> policies.put(channel, rule.policy()));
        List<SkuPlan.Step> steps = steps(split, policies);
        return new SkuPlan(sku, line.available(), tightness,
                new SkuPlan.Band(band.band().band(), ruleset.sourceOf(band.rule(), band.band().row())),
                Verdict.of(findings), List.copyOf(channels), split.allocated(), split.unallocated(),
                explanation(steps, policies, split), steps, override, List.copyOf(findings));
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

    private static List<SkuPlan.Step> steps(Allocator.Split split, Map<String, AllocationPolicy> policies) {
        List<SkuPlan.Step> steps = new ArrayList<>();
        for (Allocator.Step step : split.steps()) {
            String text = switch (step.phase()) {
                case COMMITMENT -> step.channel() + " " + step.units() + " (contract, tier " + step.tier() + ")";
                case FLOOR -> step.channel() + " floor " + weeks(policies.get(step.channel()).floorWeeks())
                        + ": " + step.units() + " (tier " + step.tier() + ")";
                case WEIGHT -> step.channel() + " " + step.units() + " by weight "
                        + weight(policies.get(step.channel()));
            };
            steps.add(new SkuPlan.Step(step.phase().name(), step.phase() == Allocator.Phase.WEIGHT ? null : step.tier(),
                    step.channel(), step.units(), text));
        }
        return steps;
    }

    private static String weight(AllocationPolicy policy) {
        return policy.weight().stripTrailingZeros().toPlainString();
    }

    private static String explanation(List<SkuPlan.Step> steps, Map<String, AllocationPolicy> policies,
                                      Allocator.Split split) {
        List<String> parts = new ArrayList<>();
        List<String> byWeight = new ArrayList<>();
        List<String> weights = new ArrayList<>();
        long weighted = 0;
        for (SkuPlan.Step step : steps) {
            if (step.phase().equals(Allocator.Phase.WEIGHT.name())) {
                byWeight.add(step.channel() + " " + step.units());
                weighted += step.units();
                weights.add(weight(policies.get(step.channel())));
            } else {
                parts.add(step.text());
            }
        }
        if (!byWeight.isEmpty()) {
            parts.add("remaining " + weighted + " by weight " + String.join("/", weights) + ": "
                    + String.join(", ", byWeight));
        }
        parts.add("unallocated " + split.unallocated());
        return String.join(" → ", parts);
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
