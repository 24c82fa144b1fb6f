package dev.governor.ruleset;

/** TableLocation is the workbook, sheet and row a generated table rule came from. */
public record TableLocation(String workbook, String sheet, int row) {
}
