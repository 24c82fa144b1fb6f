package dev.governor.guardrail;

/** CrossingPolicy is an Engines table row that matches a shift across engines: how hard it speaks. */
public record CrossingPolicy(EngineCrossing crossing, int sheetRow, Severity severity, TableRow row) {

    public static CrossingPolicy from(EngineCrossing crossing, TableRow row, Severity severity) {
        return new CrossingPolicy(crossing, row.sheetRow(), severity, row);
    }
}
