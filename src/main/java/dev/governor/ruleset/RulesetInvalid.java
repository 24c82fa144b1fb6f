package dev.governor.ruleset;

import java.util.List;

/** RulesetInvalid is thrown when a ruleset cannot be compiled; it carries every problem found, each located. */
public final class RulesetInvalid extends RuntimeException {

    private final List<Problem> problems;

    public RulesetInvalid(List<Problem> problems) {
        super(problems.size() + " problem(s) in the ruleset; first: " + describe(problems.get(0)));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(Problem problem) {
        StringBuilder text = new StringBuilder(problem.file());
        if (problem.sheet() != null) {
            text.append(", sheet ").append(problem.sheet());
        }
        if (problem.row() != null) {
            text.append(", row ").append(problem.row());
        }
        if (problem.column() != null) {
            text.append(", column ").append(problem.column());
        }
        if (problem.line() != null) {
            text.append(", line ").append(problem.line());
        }
        return text.append(": ").append(problem.message()).toString();
    }
}
