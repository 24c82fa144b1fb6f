package dev.governor.versions;

import dev.governor.ruleset.Problem;

/**
 * RulesetError is one mistake of an upload as the API reports it: a stable code and where to fix
 * it — workbook, sheet, row and column, or DRL file and line — in words finance can act on.
 */
public record RulesetError(String code, String file, String sheet, Integer row, String column, Integer line,
                           String message) {

    static RulesetError of(Problem problem) {
        String code = problem.row() != null ? "invalid_cell"
                : problem.line() != null ? "drl_error"
                : problem.sheet() != null ? "invalid_sheet" : "invalid_file";
        return new RulesetError(code, problem.file(), problem.sheet(), problem.row(), problem.column(), problem.line(),
                problem.message());
    }
}
