package dev.governor.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
                        "decision-tables/approvals/raci.drl.xlsx", "decision-tables/budget/budget.drl.xlsx");
        assertThat(results).allSatisfy(result -> assertThat(result.passed()).as(result.toString()).isTrue());
    }
}
