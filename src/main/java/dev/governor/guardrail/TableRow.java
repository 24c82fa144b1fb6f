package dev.governor.guardrail;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.kie.api.runtime.rule.RuleContext;

/**
 * TableRow is the decision-table row that fired, read back from the rule Drools generated for it:
 * its package and rule name (which map to workbook, sheet and row) and the row's values, kept in
 * the rule's metadata by the table's METADATA columns.
 */
public record TableRow(String packageName, String ruleName, Map<String, Object> values) {

    public static TableRow of(RuleContext drools) {
        var rule = drools.getRule();
        return new TableRow(rule.getPackageName(), rule.getName(), rule.getMetaData());
    }

    public String text(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("table row " + ruleName + " has no value for '" + key + "'");
        }
        String text = value.toString().trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text;
    }

    /** The role ids of a roles cell; a blank cell (no value kept) means none. */
    public java.util.List<String> roles(String key) {
        return values.containsKey(key) ? Roles.of(text(key)) : java.util.List.of();
    }

    /** Whether a YES/NO cell says YES; a blank cell (no value kept) says no. */
    public boolean yes(String key) {
        return values.containsKey(key) && text(key).equalsIgnoreCase("YES");
    }

    /**
     * The sheet row the rule was generated from: Drools names a table's rules {@code <table>_<row>}
     * with the row number as in the spreadsheet.
     */
    public int sheetRow() {
        return Integer.parseInt(ruleName.substring(ruleName.lastIndexOf('_') + 1));
    }

    public BigDecimal decimal(String key) {
        return new BigDecimal(text(key));
    }

    public int integer(String key) {
        return Integer.parseInt(text(key));
    }

    public LocalDate date(String key) {
        return LocalDate.parse(text(key));
    }
}
