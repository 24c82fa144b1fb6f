package dev.governor.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.Facts;
import dev.governor.ShippedRuleset;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sessions of few facts are emptied and kept for the next evaluation instead of being reset: nothing
 * of one evaluation may reach the next, and a session that does not come clean is disposed of.
 */
class ReusedSessionsTest {

    /** Price checks on the shipped rules that between them raise every pricing finding, each with its own facts. */
    private static List<List<Object>> checks() {
        List<List<Object>> checks = new ArrayList<>();
        for (String[] spec : new String[][] {
                {"TEA-001", "Leafy", "tea", "21.99", "24.99", "amazon-us", "MARKETPLACE"},
                {"TEA-001", "Leafy", "tea", "17.98", "21.99", "amazon-us", "MARKETPLACE"},
                {"TEA-002", "Leafy", "tea", "4.00", "20.00", "dtc-webstore", "DTC"},
                {"COF-001", "Brewhaus", "coffee", "29.99", "16.99", "amazon-us", "MARKETPLACE"},
                {"GFT-004", "Cocoa Lane", "gift-sets", "35.00", "44.99", "dtc-webstore", "DTC"},
                {"TEA-002", "Leafy", "tea", "6.00", null, "dtc-webstore", "DTC"}}) {
            Offer offer = Facts.priceOffer().sku(spec[0], spec[1], spec[2]).price(spec[3]).on(spec[5], spec[6]).build();
            checks.add(List.of(offer, Facts.change(offer, spec[4],
                    Facts.elsewhere("dtc-webstore", "DTC", "24.99"), Facts.elsewhere("amazon-us", "MARKETPLACE", "30.00"))));
        }
        // and one that raises nothing: a clean answer must stay clean after the others
        Offer clean = Facts.priceOffer().build();
        checks.add(List.of(clean, Facts.change(clean, "20.00")));
        return checks;
    }

    /** The shipped rules, with sessions of few facts kept for reuse whatever the ruleset's size. */
    private static final Ruleset SHIPPED_KEPT = new RulesetCompiler(0).compile(ShippedRuleset.files());

    @Test
    void aCheckGetsTheSameAnswerWhateverTheSessionAnsweredBefore() {
        Ruleset ruleset = SHIPPED_KEPT;
        List<List<Object>> checks = checks();
        // the answers of sessions fresh from the pool's reset, on the same files
        List<Evaluation> first = checks.stream().map(facts -> ShippedRuleset.get().evaluateRequest(facts)).toList();
        assertThat(checks.stream().map(facts -> ruleset.evaluateRequest(facts)).toList()).isEqualTo(first);
        long discarded = ruleset.discardedSessions();

        // every check again, in the reverse order and then interleaved with every other, on kept sessions
        for (int round = 0; round < 3; round++) {
            for (int i = checks.size() - 1; i >= 0; i--) {
                assertThat(ruleset.evaluateRequest(checks.get(i))).isEqualTo(first.get(i));
                for (List<Object> other : checks) {
                    ruleset.evaluateRequest(other);
                }
            }
        }

        assertThat(ruleset.discardedSessions()).as("sessions that did not come clean").isEqualTo(discarded);
        assertThat(ruleset.keepsSessions()).isTrue();
        // the shipped ruleset itself is below the size from which sessions are kept
        assertThat(ShippedRuleset.get().ruleCount()).isLessThan(RulesetCompiler.REUSE_FROM_RULES);
        assertThat(ShippedRuleset.get().keepsSessions()).isFalse();
        assertThat(first.stream().flatMap(evaluation -> Facts.codes(evaluation).stream()))
                .contains("MAP_VIOLATION", "NEGATIVE_MARGIN", "MARGIN_BELOW_FLOOR", "PRICE_CHANGE_TOO_LARGE",
                        "PARITY_DTC_UNDERCUT");
        assertThat(first.stream().map(Evaluation::verdict)).contains(Verdict.APPROVED, Verdict.PENDING_APPROVAL, Verdict.REJECTED);
    }

    @Test
    void aSessionWhoseRulesFireAsItsFactsGoIsDisposedOfAndTheNextAnswerIsUnchanged() {
        // "No offer" matches an empty session: it fires when the offer is deleted, so the session never comes clean
        Ruleset ruleset = compile("""
                rule "Every offer is noted"
                when
                    $o : Offer()
                then
                    results.add($o, "NOTED", Severity.INFO, "noted " + $o.sku(), drools, null);
                end
                rule "No offer"
                when
                    not Offer()
                then
                end
                """);
        Offer offer = Facts.priceOffer().build();

        Evaluation answer = ruleset.evaluateRequest(List.of(offer));
        assertThat(ruleset.evaluateRequest(List.of(offer))).isEqualTo(answer);
        assertThat(Facts.codes(answer)).containsExactly("NOTED");
        assertThat(ruleset.discardedSessions()).isEqualTo(2);
    }

    @Test
    void aSessionWhoseEvaluationFailedIsDisposedOfAndTheNextEvaluationWorks() {
        Ruleset ruleset = compile("""
                rule "Every offer is noted"
                when
                    $o : Offer()
                then
                    if ($o.sku().equals("BROKEN")) { throw new IllegalStateException("no such thing"); }
                    results.add($o, "NOTED", Severity.INFO, "noted " + $o.sku(), drools, null);
                end
                """);
        Offer broken = Facts.priceOffer().sku("BROKEN", "Leafy", "tea").build();
        Offer offer = Facts.priceOffer().build();

        Evaluation before = ruleset.evaluateRequest(List.of(offer));
        assertThatThrownBy(() -> ruleset.evaluateRequest(List.of(broken))).hasRootCauseMessage("no such thing");
        assertThat(ruleset.discardedSessions()).isEqualTo(1);
        assertThat(ruleset.evaluateRequest(List.of(offer))).isEqualTo(before);
        assertThat(ruleset.discardedSessions()).isEqualTo(1);
    }

    private static Ruleset compile(String rules) {
        String drl = "package governor.test;\nimport dev.governor.guardrail.*;\nglobal Results results;\n" + rules;
        return new RulesetCompiler(0).compile(new RulesetFiles(Map.of("rules/test.drl", drl.getBytes(StandardCharsets.UTF_8))));
    }
}
