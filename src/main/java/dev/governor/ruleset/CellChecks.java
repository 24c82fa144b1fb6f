package dev.governor.ruleset;

import dev.governor.auth.Role;
import dev.governor.core.Bound;
import dev.governor.guardrail.Roles;
import dev.governor.guardrail.Severity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;


/**
 * CellChecks says what each column of a decision table expects, read from its keyword and code
 * (a key, a severity, roles, a yes/no, money, a percentage typed as 30 for 30 %, a whole number, a
 * date, a week, text), and checks a data cell against it: one message per bad cell, in words
 * finance can act on, before Drools ever sees the workbook.
 */
final class CellChecks {

    private static final Pattern WEEK_CONDITION = Pattern.compile("\\w*Week\\(\"\\$param\"\\)");
    private static final Pattern ISO_WEEK = Pattern.compile("\\d{4}-W(0[1-9]|[1-4]\\d|5[0-3])");
    private static final Pattern COMPARISON = Pattern.compile("[<>]=?\\s*\\$param");
    private static final String SMART_QUOTES = "\"\u201C\u201D\u2018\u2019\u00AB\u00BB";
    /** What a cell of a column of unknown code may hold: plain words, or a number. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9 _-]{1,200}|-?\\d{1,12}(\\.\\d{1,6})?");
    /** The most characters of a text cell. */
    static final int MAX_TEXT = 200;

    private CellChecks() {
    }

    enum Kind { KEY, OPTIONAL_KEY, OPTIONAL_NUMBER, OPTIONAL_WEEK, SEVERITY, ROLES, OPTIONAL_ROLES, YES_NO, DECIMAL, PERCENT, WHOLE_NUMBER, COUNT, DATE, TEXT, OTHER }

    /** The kinds of column that hold a number. */
    static final java.util.EnumSet<Kind> NUMBERS = java.util.EnumSet.of(Kind.DECIMAL, Kind.PERCENT,
            Kind.WHOLE_NUMBER, Kind.COUNT, Kind.OPTIONAL_NUMBER);


    static Kind kindOf(String keyword, String snippet, boolean firstCondition) {
        if (keyword.equals("CONDITION")) {
            if (snippet.contains("YesNo.$param")) {
                return Kind.YES_NO;
            }
            if (WEEK_CONDITION.matcher(snippet).find()) {
                return Kind.OPTIONAL_WEEK;
            }
            if (COMPARISON.matcher(snippet).find()) {
                return Kind.OPTIONAL_NUMBER;
            }
            return firstCondition ? Kind.KEY : Kind.OPTIONAL_KEY;
        }
        if (keyword.equals("ACTION")) {
            if (snippet.contains("Roles.of(\"$param\")")) {
                return Kind.ROLES;
            }
            return snippet.contains("Severity.$param") ? Kind.SEVERITY : Kind.OTHER;
        }
        if (keyword.equals("METADATA")) {
            Matcher key = WorkbookCompiler.METADATA_KEY.matcher(snippet.trim());
            if (!key.find()) {
                return Kind.OTHER;
            }
            String name = key.group(1);
            if (name.startsWith("every")) {
                return Kind.YES_NO;
            }
            if (name.endsWith("Percent")) {
                return Kind.PERCENT;
            }
            if (name.endsWith("Severity")) {
                return Kind.SEVERITY;
            }
            if (name.equals("map") || name.endsWith("Amount") || name.endsWith("Factor") || name.endsWith("Points") || name.endsWith("Weeks") || name.equals("weight")) {
                return Kind.DECIMAL;
            }
            if (name.equals("start") || name.equals("end") || name.endsWith("Date")) {
                return Kind.DATE;
            }
            if (name.endsWith("Roles")) {
                return Kind.OPTIONAL_ROLES;
            }
            if (name.equals("signOffs") || name.startsWith("expires") || name.equals("tier")) {
                return Kind.COUNT;
            }
            if (name.endsWith("Days") || name.startsWith("days")) {
                return Kind.WHOLE_NUMBER;
            }
            return Kind.TEXT;
        }
        return Kind.OTHER;
    }

    /** Why a number is refused as below its column's least value besides 0, or null. */
    static String belowLeast(BigDecimal least, Cell cell) {
        if (least == null) {
            return null;
        }
        BigDecimal number = Bound.parse(WorkbookCompiler.text(cell));
        if (number == null || number.signum() == 0 || number.compareTo(least) >= 0) {
            return null;
        }
        return "'" + WorkbookCompiler.text(cell) + "' is below " + least.toPlainString() + ", the least this column takes besides 0: "
                + "percentages are written as 30 for 30 %, so type " + number.movePointRight(2).stripTrailingZeros()
                .toPlainString() + " for " + number.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    /**
     * Whether a cell's number format shows it as a percentage (Excel's 30%, which stores 0.3): a '%' outside
     * quoted text and escapes. A format that only writes a % sign after the number ({@code 0" %"}) is not one.
     */
    static boolean percentFormatted(Cell cell) {
        if (cell == null || cell.getCellType() != CellType.NUMERIC || cell.getCellStyle() == null) {
            return false;
        }
        String format = cell.getCellStyle().getDataFormatString();
        if (format == null) {
            return false;
        }
        boolean quoted = false;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '\\') {
                i++;
            } else if (!quoted && c == '%') {
                return true;
            }
        }
        return false;
    }

    static String check(Kind kind, Cell cell) {
        String value = WorkbookCompiler.text(cell);
        if (percentFormatted(cell) && NUMBERS.contains(kind)) {
            String typed = BigDecimal.valueOf(cell.getNumericCellValue()).movePointRight(2).stripTrailingZeros()
                    .toPlainString();
            return "is formatted as a percentage, so Excel keeps " + typed + "% as " + WorkbookCompiler.text(cell) + ": "
                    + (kind == Kind.PERCENT ? "type " + typed + " for " + typed + " %" : "type the plain number")
                    + " in a cell formatted as a number";
        }
        if (value.isEmpty()) {
            return switch (kind) {
                case OPTIONAL_KEY, OPTIONAL_NUMBER, OPTIONAL_WEEK, OPTIONAL_ROLES, YES_NO, OTHER -> null;
                case KEY -> "is empty: every row needs this key, or the row would apply to everything";
                default -> "is empty: every row needs a value here";
            };
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell) && kind != Kind.DATE) {
            return "holds a date, but this column expects " + expectation(kind);
        }
        switch (kind) {
            case KEY, OPTIONAL_KEY, TEXT -> {
                // the value is written inside a string literal of the generated rule: a quote or a
                // backslash (an escape, \u0022 included) could end it and let the rest run as code
                for (char quote : SMART_QUOTES.toCharArray()) {
                    if (value.indexOf(quote) >= 0) {
                        return "'" + value + "' contains a quote character (" + quote + "): remove it";
                    }
                }
                if (value.indexOf('\\') >= 0) {
                    return "'" + value + "' contains a backslash (\\): remove it";
                }
                if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                    return "contains a line break or another control character: keep the text on one line";
                }
                if (value.length() > MAX_TEXT) {
                    return "holds " + value.length() + " characters; a cell holds at most " + MAX_TEXT;
                }
                return null;
            }
            case OTHER -> {
                // the value is written into the generated rule as it is: only plain words or a number
                if (!PLAIN.matcher(value).matches()) {
                    return "'" + value + "' is not plain: this column takes letters, digits, spaces, '_' and '-' "
                            + "only, or a number";
                }
                return null;
            }
            case ROLES, OPTIONAL_ROLES -> {
                List<String> unknown = Roles.of(value).stream().filter(id -> Role.find(id).isEmpty()).toList();
                if (!unknown.isEmpty()) {
                    return "'" + String.join(", ", unknown) + "' is not a role: use role ids such as "
                            + "gm, dtc_lead, marketplace_lead, finance, operations, revenue_ops, separated by commas";
                }
                if (kind == Kind.ROLES && Roles.of(value).isEmpty()) {
                    return "names no role: every row needs at least one";
                }
                return null;
            }
            case YES_NO -> {
                if (!value.equals("YES") && !value.equals("NO")) {
                    return "'" + value + "' is not YES or NO (leave the cell blank for either)";
                }
                return null;
            }
            case SEVERITY -> {
                if (Arrays.stream(Severity.values()).noneMatch(s -> s.name().equals(value))) {
                    return "'" + value + "' is not a severity: use one of BLOCK, NEEDS_APPROVAL, WARN, INFO";
                }
                return null;
            }
            case DECIMAL, PERCENT, WHOLE_NUMBER, COUNT, OPTIONAL_NUMBER -> {
                if (value.matches("-?\\d+,\\d+")) {
                    return "'" + value + "' is not a number: use a point as the decimal separator ('"
                            + value.replace(',', '.') + "')";
                }
                BigDecimal number = Bound.parse(value.replace("%", "").trim());
                if (number == null) {
                    return "'" + value + "' is not a number";
                }
                if (number.signum() < 0) {
                    return "'" + value + "' is negative";
                }
                // the bounds requests meet at the API (docs/SECURITY.md): no figure past a billion, four decimals
                if (number.compareTo(Bound.BILLION_AT_MOST) > 0) {
                    return "'" + value + "' is above " + Bound.BILLION_AT_MOST.toPlainString();
                }
                // typed text only: a number Excel computed (34.99 - 0.01) carries binary noise in its last digits
                if (cell.getCellType() == CellType.STRING && number.stripTrailingZeros().scale() > 4) {
                    return "'" + value + "' has more than 4 decimals";
                }
                if (kind == Kind.PERCENT && number.compareTo(BigDecimal.valueOf(100)) > 0) {
                    return "'" + value + "' is above 100: percentages are written as 25 for 25%";
                }
                if (kind == Kind.COUNT && number.signum() == 0) {
                    return "'" + value + "' must be 1 or more";
                }
                if ((kind == Kind.WHOLE_NUMBER || kind == Kind.COUNT) && number.stripTrailingZeros().scale() > 0) {
                    return "'" + value + "' is not a whole number";
                }
                if (value.contains("%")) {
                    return "'" + value + "' carries a % sign: write the number only, e.g. 25";
                }
                return null;
            }
            case OPTIONAL_WEEK -> {
                if (!ISO_WEEK.matcher(value).matches()) {
                    return "'" + value + "' is not an ISO week written as YYYY-Www, e.g. 2026-W49";
                }
                return null;
            }
            case DATE -> {
                if (cell.getCellType() == CellType.NUMERIC) {
                    return "holds a number or a date-formatted cell: type the date as text, YYYY-MM-DD";
                }
                try {
                    LocalDate date = LocalDate.parse(value);
                    if (!Bound.inYears(date)) {
                        return "'" + value + "' is not a date from " + Bound.FIRST_DAY + " to " + Bound.LAST_DAY;
                    }
                    return null;
                } catch (DateTimeParseException e) {
                    return "'" + value + "' is not a date written as YYYY-MM-DD";
                }
            }
            default -> {
                return null;
            }
        }
    }

    private static String expectation(Kind kind) {
        return switch (kind) {
            case SEVERITY -> "a severity";
            case DECIMAL, PERCENT, OPTIONAL_NUMBER -> "a number";
            case WHOLE_NUMBER, COUNT -> "a whole number";
            case ROLES, OPTIONAL_ROLES -> "role ids";
            case YES_NO -> "YES or NO";
            case OPTIONAL_WEEK -> "an ISO week such as 2026-W49";
            default -> "text";
        };
    }

    /**
     * Percent columns where a value between 0 and the least shown makes no sense, so it is almost surely
     * a percentage typed as a fraction (0.3 for 30 %): 0 stays allowed ("none"). Parity tolerances are not
     * among them: half a percent is a real tolerance.
     */
    static final Map<String, BigDecimal> LEAST_BESIDES_ZERO = Map.of("floorPercent", BigDecimal.ONE,
            "maxChangePercent", BigDecimal.ONE, "maxDepthPercent", BigDecimal.ONE, "maxSharePercent", BigDecimal.ONE,
            "fixedPercent", BigDecimal.ONE, "maxShiftPercent", BigDecimal.ONE, "cmPercent", BigDecimal.ONE,
            "tacosCapPercent", BigDecimal.ONE);
}
