package dev.governor.approvals;

import dev.governor.RulesetVariants;
import dev.governor.ShippedRuleset;
import dev.governor.auth.Role;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.ruleset.Ruleset;
import dev.governor.tools.ShippedWorkbooks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped RACI table routes as DOMAIN.md says, and a changed table changes the routing with no Java change. */
class RaciRulesTest {

    private static ApprovalRoute route(Ruleset ruleset, String type, String engine, Set<String> codes, String amount) {
        return ruleset.route(new ApprovalCase(type, engine, "some-channel", codes, new BigDecimal(amount))).orElseThrow();
    }

    @Test
    void shippedPriceChangesAreApprovedByTheGmWithFinanceConsultedAndOperationsInformed() {
        ApprovalRoute dtc = route(ShippedRuleset.get(), ApprovalCase.PRICE_CHANGE, "DTC", Set.of("MARGIN_BELOW_FLOOR"), "3");
        assertThat(dtc.responsible()).containsExactly(Role.DTC_LEAD);
        assertThat(dtc.accountable()).containsExactly(Role.GM);
        assertThat(dtc.consulted()).containsExactly(Role.FINANCE);
        assertThat(dtc.informed()).containsExactly(Role.OPERATIONS);
        assertThat(dtc.signOffs()).isEqualTo(1);
        assertThat(dtc.expiresAfterDays()).isEqualTo(7);
        assertThat(dtc.source().workbook()).isEqualTo(RulesetVariants.RACI);
        assertThat(dtc.source().sheet()).isEqualTo("RACI");
        assertThat(dtc.source().row()).isPositive();
        ApprovalRoute marketplace = route(ShippedRuleset.get(), ApprovalCase.PRICE_CHANGE, "MARKETPLACE", Set.of(), "0");
        assertThat(marketplace.responsible()).containsExactly(Role.MARKETPLACE_LEAD);
        assertThat(marketplace.source().row()).isEqualTo(dtc.source().row() + 1);
    }

    @Test
    void shippedPromotionsExpireAfterTwoWeeks() {
        ApprovalRoute promo = route(ShippedRuleset.get(), ApprovalCase.PROMOTION, "MARKETPLACE", Set.of("PROMO_TOO_DEEP"), "40");
        assertThat(promo.responsible()).containsExactly(Role.MARKETPLACE_LEAD);
        assertThat(promo.accountable()).containsExactly(Role.GM);
        assertThat(promo.expiresAfterDays()).isEqualTo(14);
    }

    @Test
    void aDecisionTypeWithoutARowHasNoRoute() {
        assertThat(ShippedRuleset.get().route(new ApprovalCase("CLEARANCE_MARKDOWN", "DTC", "dtc-webstore", Set.of(),
                BigDecimal.ONE))).isEmpty();
    }

    @Test
    void shippedBudgetShiftsGoToTheGmFromTheEnginesLeadOrEitherLeadAcrossEngines() {
        ApprovalRoute dtc = route(ShippedRuleset.get(), "BUDGET_SHIFT", "DTC", Set.of("BUDGET_SHIFT_TOO_LARGE"), "12000");
        assertThat(dtc.responsible()).containsExactly(Role.DTC_LEAD);
        assertThat(dtc.accountable()).containsExactly(Role.GM);
        assertThat(dtc.consulted()).containsExactly(Role.FINANCE);
        assertThat(dtc.informed()).isEmpty();
        ApprovalRoute marketplace = route(ShippedRuleset.get(), "BUDGET_SHIFT", "MARKETPLACE", Set.of(), "100");
        assertThat(marketplace.responsible()).containsExactly(Role.MARKETPLACE_LEAD);
        ApprovalRoute across = route(ShippedRuleset.get(), "BUDGET_SHIFT_CROSS_ENGINE", null, Set.of("BUDGET_CROSS_ENGINE"),
                "20000");
        assertThat(across.responsible()).containsExactly(Role.DTC_LEAD, Role.MARKETPLACE_LEAD);
        assertThat(across.accountable()).containsExactly(Role.GM);
        assertThat(across.informed()).containsExactly(Role.DTC_LEAD, Role.MARKETPLACE_LEAD);
    }

    @Test
    void theFirstMatchingRowDecidesSoSpecificRowsGoAboveGeneralOnes() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"PROMOTION", "", "PROMO_TOO_DEEP", 40, "dtc_lead, marketplace_lead", "gm", 2, "finance",
                "operations, revenue_ops", 3});
        rows.add(new Object[] {"PRICE_CHANGE", "MARKETPLACE", "MARGIN_BELOW_FLOOR", "", "marketplace_lead", "gm, finance",
                1, "", "operations", 2});
        rows.addAll(ShippedWorkbooks.shippedRaciRows());
        Ruleset changed = RulesetVariants.withRaci(rows);
        try {
            ApprovalRoute deep = route(changed, ApprovalCase.PROMOTION, "DTC", Set.of("PROMO_TOO_DEEP"), "40");
            assertThat(deep.signOffs()).isEqualTo(2);
            assertThat(deep.informed()).containsExactly(Role.OPERATIONS, Role.REVENUE_OPS);
            assertThat(deep.expiresAfterDays()).isEqualTo(3);
            ApprovalRoute shallower = route(changed, ApprovalCase.PROMOTION, "DTC", Set.of("PROMO_TOO_DEEP"), "39.99");
            assertThat(shallower.signOffs()).isEqualTo(1);
            assertThat(shallower.source().row()).isGreaterThan(deep.source().row());
            ApprovalRoute withoutFinding = route(changed, ApprovalCase.PROMOTION, "DTC", Set.of("PROMO_OUTSIDE_WINDOW"), "50");
            assertThat(withoutFinding.signOffs()).isEqualTo(1);
            ApprovalRoute margin = route(changed, ApprovalCase.PRICE_CHANGE, "MARKETPLACE", Set.of("MARGIN_BELOW_FLOOR"), "1");
            assertThat(margin.accountable()).containsExactly(Role.GM, Role.FINANCE);
            assertThat(margin.consulted()).isEmpty();
            ApprovalRoute dtcMargin = route(changed, ApprovalCase.PRICE_CHANGE, "DTC", Set.of("MARGIN_BELOW_FLOOR"), "1");
            assertThat(dtcMargin.accountable()).containsExactly(Role.GM);
        } finally {
            changed.close();
        }
    }

    @Test
    void aRoleThatDoesNotExistOrNoSignOffIsReportedAtItsCell() {
        byte[] raci = dev.governor.ShippedRuleset.files().files().get(RulesetVariants.RACI);
        byte[] edited = RulesetVariants.edited(raci, sheet -> {
            sheet.getRow(11).getCell(5).setCellValue("gm, cfo");
            sheet.getRow(12).getCell(6).setCellValue(0);
        });
        var files = new java.util.TreeMap<>(ShippedRuleset.files().files());
        files.put(RulesetVariants.RACI, edited);
        var invalid = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.governor.ruleset.RulesetInvalid.class,
                () -> new dev.governor.ruleset.RulesetCompiler().compile(new dev.governor.ruleset.RulesetFiles(files)));
        assertThat(invalid.problems()).extracting(Object::toString).anySatisfy(problem ->
                assertThat(problem).contains("RACI", "12", "F", "'cfo' is not a role"));
        assertThat(invalid.problems()).extracting(Object::toString).anySatisfy(problem ->
                assertThat(problem).contains("RACI", "13", "G", "must be 1 or more"));
    }
}
