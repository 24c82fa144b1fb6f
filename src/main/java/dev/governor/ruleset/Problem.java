package dev.governor.ruleset;

/**
 * Problem is one mistake in a ruleset file, located where a person fixes it: the file, and for a
 * workbook the sheet, row and column (as Excel names them), or for a DRL file the line.
 */
public record Problem(String file, String sheet, Integer row, String column, Integer line, String message) {

    static Problem inFile(String file, String message) {
        return new Problem(file, null, null, null, null, message);
    }

    static Problem inCell(String file, String sheet, int row, String column, String message) {
        return new Problem(file, sheet, row, column, null, message);
    }

    static Problem atLine(String file, int line, String message) {
        return new Problem(file, null, null, null, line, message);
    }
}
