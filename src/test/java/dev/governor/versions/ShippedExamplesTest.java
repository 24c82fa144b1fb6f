package dev.governor.versions;

import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.ruleset.ExampleCases;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example case the shipped workbooks carry passes against the shipped ruleset and the sample catalog. */
class ShippedExamplesTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void everyShippedExampleCasePasses() {
        List<ExampleCases.Result> results = server.governor().examples().run(ShippedRuleset.get());
        assertThat(results).hasSizeGreaterThanOrEqualTo(10);
        assertThat(results.stream().map(ExampleCases.Result::workbook).distinct())
                .contains("decision-tables/pricing/map.drl.xlsx", "decision-tables/promo/promo-limits.drl.xlsx",
                        "decision-tables/approvals/raci.drl.xlsx", "decision-tables/budget/budget.drl.xlsx",
                        "decision-tables/allocation/allocation.drl.xlsx");
        assertThat(results).allSatisfy(result -> assertThat(result.passed()).as(result.toString()).isTrue());
    }

    @Test
    void anAllocationExampleFailsWhenFinanceMovesABandBoundary() {
        try (var edited = dev.governor.RulesetVariants.withEdited("decision-tables/allocation/allocation.drl.xlsx",
                sheet -> sheet.getRow(11).getCell(1).setCellValue(0.75))) {
            List<ExampleCases.Result> results = server.governor().examples().run(edited).stream()
                    .filter(result -> result.workbook().equals("decision-tables/allocation/allocation.drl.xlsx"))
                    .toList();
            assertThat(results).hasSize(6);
            assertThat(results.get(0).passed()).isFalse();
            assertThat(results.get(0).expectedVerdict())
                    .isEqualTo("band TIGHT; amazon-us 533, dtc-webstore 267, wholesale 200; findings: none");
            assertThat(results.get(0).actualVerdict()).startsWith("band CRITICAL; ");
        }
    }
}
