package dev.governor.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ShippedRuleset;
import org.junit.jupiter.api.Test;

/** Table rows are keyed by their business key, as the diff matches them. */
class TableRowsTest {

    @Test
    void mapRowsAreKeyedBySkuAndPromoWindowsByEngineChannelAndWindowName() {
        var map = TableRows.read(ShippedRuleset.files().files().get("decision-tables/pricing/map.drl.xlsx"));
        assertThat(map).containsKeys("MAP / MapBySku", "MAP / MapByCategory", "MAP / MapByBrand");
        assertThat(map.get("MAP / MapBySku").rows()).containsKeys("TEA-001", "COF-001", "GFT-004");
        assertThat(map.get("MAP / MapBySku").rows().get("TEA-001").values()).containsEntry("MAP", "17.99")
                .containsEntry("Severity", "BLOCK");

        var windows = TableRows.read(ShippedRuleset.files().files().get("decision-tables/promo/promo-calendar.drl.xlsx"))
                .get("Windows / PromoWindows");
        assertThat(windows.keyHeaders()).containsExactly("Engine", "Channel", "Window");
        assertThat(windows.rows()).containsKeys("DTC |  | Black Friday-Cyber Monday", "MARKETPLACE |  | Prime Day",
                "MARKETPLACE |  | Prime Day #2");
        assertThat(windows.rows()).hasSize(8);
    }

    @Test
    void bytesThatAreNotAWorkbookHaveNoTables() {
        assertThat(TableRows.read("sku,map".getBytes())).isEmpty();
    }
}
