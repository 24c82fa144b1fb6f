package dev.governor.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Offer;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * ExampleCases runs the example cases that workbooks carry on a sheet named "Examples": each row
 * is a price or promo check (SKU, channel, price or promo fields, dates) or a budget shift (week,
 * lines, amount, marginal ROAS, evidence) with the verdict and the finding codes finance expects, or
 * — on the RACI workbook — a decision with the roles expected to prepare and approve it. A draft whose cases fail cannot be activated.
 */
public final class ExampleCases {

    public static final String SHEET = "Examples";
    /** The kind of a RACI case: who prepares and who approves a decision. */
    public static final String ROUTE = "ROUTE";

    /** Checker evaluates one request against a given ruleset, with today's catalog and no recorded history. */
    @FunctionalInterface
    public interface Checker {
        Evaluation check(Ruleset ruleset, JsonNode request);
    }

    /**
     * CaseRunner runs a case of a kind whose outcome is more than a verdict with findings (an allocation's
     * split): given the row's cells by lower-case header, it answers what the row expects and what the
     * ruleset did, both as text, so finance sees the two side by side.
     */
    @FunctionalInterface
    public interface CaseRunner {
        Comparison run(Ruleset ruleset, Map<String, String> cells);
    }

    /** Comparison is a case's expected and actual outcome, written the same way. */
    public record Comparison(String expected, String actual) {
    }

    /** Result is one case: where it lives, what was expected, what the ruleset said, and whether they agree. */
    public record Result(String workbook, int row, String name, String expectedVerdict, String actualVerdict,
                         List<String> expectedFindings, List<String> actualFindings, boolean passed, String error) {
    }

    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("sku", "sku"),
            Map.entry("category", "category"), Map.entry("channel", "channel"), Map.entry("price", "price"),
            Map.entry("effective from", "effectiveFrom"), Map.entry("discount %", "discountPercent"),
            Map.entry("start", "start"), Map.entry("end", "end"), Map.entry("promo type", "type"),
            Map.entry("week", "week"), Map.entry("from line", "fromLine"), Map.entry("to line", "toLine"),
            Map.entry("amount", "amount"), Map.entry("marginal roas", "marginalRoas"), Map.entry("evidence", "evidence"));

    private final Map<String, Checker> checkers = new ConcurrentHashMap<>();
    private final Map<String, CaseRunner> runners = new ConcurrentHashMap<>();

    /** Says how cases of a kind compared as text (ALLOCATION) are run; the feature that owns the kind registers it. */
    public void runWith(String kind, CaseRunner runner) {
        runners.put(kind, runner);
    }

    /** Says how cases of a kind (PRICE, PROMO) are checked; the feature that owns the kind registers it. */
    public void checkWith(String kind, Checker checker) {
        checkers.put(kind, checker);
    }

    /** Checks a request of a kind against a ruleset, as example cases and impact replays do. */
    public Evaluation check(String kind, Ruleset ruleset, JsonNode request) {
        Checker checker = checkers.get(kind);
        if (checker == null) {
            throw new IllegalStateException("no checker for " + kind);
        }
        return checker.check(ruleset, request);
    }

    private List<String> kinds() {
        TreeSet<String> kinds = new TreeSet<>(checkers.keySet());
        kinds.addAll(runners.keySet());
        return List.copyOf(kinds);
    }

    public List<Result> run(Ruleset ruleset) {
        List<Result> results = new ArrayList<>();
        ruleset.files().files().forEach((path, content) -> {
            if (path.endsWith(".drl.xlsx")) {
                results.addAll(run(ruleset, path, content));
            }
        });
        return results;
    }

    private List<Result> run(Ruleset ruleset, String path, byte[] content) {
        List<Result> results = new ArrayList<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            for (Sheet sheet : workbook) {
                if (!sheet.getSheetName().trim().equalsIgnoreCase(SHEET)) {
                    continue;
                }
                Map<String, Integer> columns = null;
                for (Row row : sheet) {
                    if (columns == null) {
                        if (text(row.getCell(0)).equalsIgnoreCase("case")) {
                            columns = new HashMap<>();
                            for (Cell cell : row) {
                                columns.put(text(cell).toLowerCase(Locale.ROOT), cell.getColumnIndex());
                            }
                        }
                        continue;
                    }
                    String name = text(row.getCell(0));
                    if (!name.isEmpty()) {
                        results.add(runCase(ruleset, path, row, columns));
                    }
                }
            }
        } catch (Exception e) {
            // the workbook compiled, so it opens; a sheet POI cannot read is reported as a failed case
            results.add(new Result(path, 0, SHEET, null, null, List.of(), List.of(), false,
                    "the Examples sheet cannot be read: " + e.getMessage()));
        }
        return results;
    }

    private Result runCase(Ruleset ruleset, String path, Row row, Map<String, Integer> columns) {
        String name = text(row.getCell(0));
        int rowNumber = row.getRowNum() + 1;
        String kind = value(row, columns, "kind").toUpperCase(Locale.ROOT);
        if (kind.equals(ROUTE)) {
            return routeCase(ruleset, path, row, columns);
        }
        CaseRunner runner = runners.get(kind);
        if (runner != null) {
            Map<String, String> cells = new HashMap<>();
            columns.forEach((header, column) -> cells.put(header, text(row.getCell(column))));
            try {
                Comparison comparison = runner.run(ruleset, cells);
                return new Result(path, rowNumber, name, comparison.expected(), comparison.actual(), List.of(),
                        List.of(), comparison.expected().equals(comparison.actual()), null);
            } catch (Refusal invalid) {
                return new Result(path, rowNumber, name, null, null, List.of(), List.of(), false,
                        "the case is not a valid request: " + invalid.getMessage() + " " + invalid.errors());
            }
        }
        String expectedVerdict = value(row, columns, "expected verdict").toUpperCase(Locale.ROOT);
        List<String> expectedCodes = codes(value(row, columns, "expected findings"));
        Checker checker = checkers.get(kind);
        if (checker == null) {
            return new Result(path, rowNumber, name, expectedVerdict, null, expectedCodes, List.of(), false,
                    "Kind must be one of " + String.join(", ", kinds()) + " or " + ROUTE
                            + ", not '" + kind + "'");
        }
        ObjectNode request = Json.MAPPER.createObjectNode();
        columns.forEach((header, column) -> {
            String field = FIELDS.get(header);
            Cell cell = row.getCell(column);
            if (field == null || text(cell).isEmpty()) {
                return;
            }
            if (field.equals("evidence")) {
                // an example names the kind of test only; the reference is the case itself
                request.putObject("evidence").put("kind", text(cell)).put("reference", "example: " + name);
            } else if (field.equals("sku") && kind.equals(Offer.PROMO)) {
                ArrayNode skus = request.putArray("skus");
                codes(text(cell)).forEach(skus::add);
            } else if (cell.getCellType() == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)) {
                request.put(field, new BigDecimal(text(cell)));
            } else {
                request.put(field, text(cell));
            }
        });
        try {
            Evaluation evaluation = checker.check(ruleset, request);
            List<String> actualCodes = List.copyOf(new TreeSet<>(evaluation.findings().stream().map(Finding::code).toList()));
            boolean passed = evaluation.verdict().name().equals(expectedVerdict) && actualCodes.equals(expectedCodes);
            return new Result(path, rowNumber, name, expectedVerdict, evaluation.verdict().name(), expectedCodes,
                    actualCodes, passed, null);
        } catch (Refusal invalid) {
            return new Result(path, rowNumber, name, expectedVerdict, null, expectedCodes, List.of(), false,
                    "the case is not a valid request: " + invalid.getMessage());
        }
    }

    /** A RACI case: a decision (type, engine, findings present, size) and who should prepare and approve it. */
    private static Result routeCase(Ruleset ruleset, String path, Row row, Map<String, Integer> columns) {
        String name = text(row.getCell(0));
        int rowNumber = row.getRowNum() + 1;
        String expected = route(codes(value(row, columns, "expected responsible")),
                codes(value(row, columns, "expected accountable")), value(row, columns, "expected sign-offs"));
        String engine = value(row, columns, "engine");
        String size = value(row, columns, "size");
        BigDecimal amount;
        try {
            amount = size.isEmpty() ? BigDecimal.ZERO : new BigDecimal(size);
        } catch (NumberFormatException e) {
            return new Result(path, rowNumber, name, expected, null, List.of(), List.of(), false,
                    "Size must be a number, not '" + size + "'");
        }
        var approvalCase = new dev.governor.guardrail.ApprovalCase(value(row, columns, "decision"),
                engine.isEmpty() ? null : engine, null, new java.util.TreeSet<>(codes(value(row, columns,
                "findings present"))), amount);
        String actual = ruleset.route(approvalCase).map(routing -> route(
                routing.responsible().stream().map(dev.governor.auth.Role::id).sorted().toList(),
                routing.accountable().stream().map(dev.governor.auth.Role::id).sorted().toList(),
                String.valueOf(routing.signOffs()))).orElse("no row routes it");
        return new Result(path, rowNumber, name, expected, actual, List.of(), List.of(), expected.equals(actual), null);
    }

    private static String route(List<String> responsible, List<String> accountable, String signOffs) {
        return "R " + String.join(", ", responsible) + "; A " + String.join(", ", accountable) + " x" + signOffs;
    }

    private static String value(Row row, Map<String, Integer> columns, String header) {
        Integer column = columns.get(header);
        return column == null ? "" : text(row.getCell(column));
    }

    private static List<String> codes(String cell) {
        TreeSet<String> codes = new TreeSet<>();
        for (String code : cell.split("[,;\\s]+")) {
            if (!code.isBlank()) {
                codes.add(code.trim());
            }
        }
        return List.copyOf(codes);
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        if (cell.getCellType() == CellType.NUMERIC) {
            return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        if (cell.getCellType() == CellType.FORMULA) {
            return cell.getCellFormula();
        }
        return cell.toString().trim();
    }
}
