package dev.governor.ruleset;

/**
 * Problem is one mistake in a ruleset file, located where a person fixes it — the file, and for a
 * workbook the sheet, row and column (as Excel names them), or for a DRL file the line — with a
 * stable code: {@code invalid_cell}, {@code invalid_sheet}, {@code invalid_file}, {@code drl_error},
 * or, for an upload that changes what it may not, {@code drl_changed}, {@code engine_cell_changed},
 * {@code engine_cell_missing}, {@code table_ended}, {@code file_added}. Uploads answer with one
 * problem per mistake, as the entries of their problem's {@code errors}.
 */
public record Problem(String code, String file, String sheet, Integer row, String column, Integer line,
                      String message) {

    /** A problem whose code says where it is: a cell, a line of a DRL file, a sheet, or the file as a whole. */
    public Problem(String file, String sheet, Integer row, String column, Integer line, String message) {
        this(row != null ? "invalid_cell" : line != null ? "drl_error" : sheet != null ? "invalid_sheet" : "invalid_file",
                file, sheet, row, column, line, message);
    }

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
