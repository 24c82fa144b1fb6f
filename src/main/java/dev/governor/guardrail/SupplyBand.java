package dev.governor.guardrail;

/**
 * SupplyBand is a Bands table row that matches a SKU's tightness: the band's name and how hard a request
 * that overrides the computed split speaks. {@code sheetRow} orders the rows: the first matching row decides.
 */
public record SupplyBand(SupplySituation situation, int sheetRow, String band, Severity overrideSeverity, TableRow row) {

    public static SupplyBand from(SupplySituation situation, TableRow row, Severity overrideSeverity) {
        return new SupplyBand(situation, row.sheetRow(), row.text("band"), overrideSeverity, row);
    }
}
