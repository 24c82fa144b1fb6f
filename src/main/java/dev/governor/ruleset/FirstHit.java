package dev.governor.ruleset;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FirstHit finds the rows of a first-hit table that can never be reached: a row whose every case an
 * earlier row already matches, so the earlier row always wins. A table is first-hit when a rule picks,
 * among the rows that matched, the one highest on the sheet ({@code not X(…, sheetRow < $row)}).
 *
 * <p>Row A covers row B when, condition column by condition column, A's cell is blank (no condition),
 * or: for a condition that tests equality (a name, YES/NO, a finding code) A's cell says the same; for
 * a lower bound ({@code >= $param}, {@code > $param}, a "from" week) A's bound is at or below B's; for
 * an upper bound ({@code <= $param}, {@code < $param}, a "to" week) A's bound is at or above B's. A
 * blank cell in B under a non-blank one in A is never covered: B matches cases A does not.
 */
final class FirstHit {

    private static final Pattern FIRST_HIT = Pattern.compile("not\\s+(\\w+)\\s*\\([^)]*\\bsheetRow\\s*<\\s*\\$\\w+");
    private static final Pattern COMPARED = Pattern.compile("(\\w+)\\s*(?:==|<|>)");
    private static final Pattern INSERTED = Pattern.compile("\\b(\\w+)\\.from\\s*\\(");
    private static final Pattern LOWER = Pattern.compile(">=?\\s*\\$param|\\b\\w*[Ff]rom\\w*\\(\\s*\"\\$param\"\\s*\\)");
    private static final Pattern UPPER = Pattern.compile("<=?\\s*\\$param|\\b\\w*[Tt]o[A-Z]\\w*\\(\\s*\"\\$param\"\\s*\\)");

    /** How one condition column compares two rows' cells. */
    enum Test { EQUAL, LOWER, UPPER }

    /** Hidden is a row no case can reach, and the earlier row that takes all of its cases. */
    record Hidden(int row, int coveredBy) {
    }

    private FirstHit() {
    }

    /**
     * The fact types the rules pick first-hit, from the text of every DRL file, each with the fields the
     * pick compares besides the row ({@code not BudgetLine(line == $code, sheetRow < $row)}: rows only
     * compete with rows of the same line). A field a table keeps in a value column partitions its rows.
     */
    static java.util.Map<String, Set<String>> types(List<String> drl) {
        java.util.Map<String, Set<String>> types = new java.util.LinkedHashMap<>();
        for (String text : drl) {
            Matcher matcher = FIRST_HIT.matcher(text);
            while (matcher.find()) {
                Set<String> fields = types.computeIfAbsent(matcher.group(1), type -> new LinkedHashSet<>());
                Matcher field = COMPARED.matcher(matcher.group());
                while (field.find()) {
                    if (!field.group(1).equals("sheetRow")) {
                        fields.add(field.group(1));
                    }
                }
            }
        }
        return types;
    }

    /** The fact type a table's action inserts ({@code insert(SupplyBand.from(…))}), or null. */
    static String inserted(String actionSnippet) {
        Matcher matcher = INSERTED.matcher(actionSnippet);
        return matcher.find() ? matcher.group(1) : null;
    }

    static Test test(String conditionSnippet) {
        if (LOWER.matcher(conditionSnippet).find()) {
            return Test.LOWER;
        }
        return UPPER.matcher(conditionSnippet).find() ? Test.UPPER : Test.EQUAL;
    }

    /**
     * The hidden rows of a table: {@code rows} holds each row's condition cells (blank: ""), in sheet
     * order, with {@code sheetRows} their row numbers; {@code tests} says how each column compares.
     */
    static List<Hidden> hidden(List<Test> tests, List<List<String>> rows, List<Integer> sheetRows) {
        List<Hidden> hidden = new ArrayList<>();
        for (int b = 0; b < rows.size(); b++) {
            for (int a = 0; a < b; a++) {
                if (covers(tests, rows.get(a), rows.get(b))) {
                    hidden.add(new Hidden(sheetRows.get(b), sheetRows.get(a)));
                    break;
                }
            }
        }
        return hidden;
    }

    private static boolean covers(List<Test> tests, List<String> above, List<String> below) {
        for (int c = 0; c < tests.size(); c++) {
            String a = above.get(c);
            String b = below.get(c);
            if (a.isEmpty()) {
                continue;
            }
            if (b.isEmpty()) {
                return false;
            }
            int order = compare(a, b);
            boolean covered = switch (tests.get(c)) {
                case EQUAL -> a.equals(b);
                case LOWER -> order <= 0;
                case UPPER -> order >= 0;
            };
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    /** Numbers compare as numbers; anything else (ISO weeks, names) as text. */
    private static int compare(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        } catch (NumberFormatException notNumbers) {
            return a.compareTo(b);
        }
    }
}
