package dev.governor.ruleset;

import dev.governor.guardrail.Severity;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * WorkbookCompiler turns one decision-table workbook into DRL, sheet by sheet, after checking every
 * data cell against what its column expects, so finance gets mistakes by sheet, row and column
 * instead of Drools' {@code line=-1}. It also records which sheet and row each generated rule came from.
 * <p>
 * Longer than most classes because checking a table and generating its DRL walk the same rows with
 * the same column positions: where a table starts and ends, which columns are conditions, which
 * rows a first-hit sheet lets compete. What each cell must hold is {@link CellChecks}'s.
 */
final class WorkbookCompiler {

    /** GeneratedSheet is the DRL Drools generated for one sheet, with the row of each generated rule. */
    record GeneratedSheet(String workbook, String sheet, String drlPath, String drl, String packageName,
                          Map<String, TableLocation> rules, TreeMap<Integer, Integer> rowByLine) {
    }

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern ROW_COMMENT = Pattern.compile("^// rule values at ([A-Z]+)(\\d+),");
    private static final Pattern RULE_NAME = Pattern.compile("^rule \"(.+)\"");
    static final Pattern METADATA_KEY = Pattern.compile("^(\\w+)\\(\"\\$param\"\\)$");

    private WorkbookCompiler() {
    }

    static List<GeneratedSheet> compile(String file, byte[] content, List<Problem> problems) {
        return compile(file, content, Map.of(), problems);
    }

    /**
     * Compiles one workbook; a table whose action inserts one of {@code firstHitTypes} is first-hit, and
     * a row of it that can never be reached is a problem at that row ({@link FirstHit}).
     */
    static List<GeneratedSheet> compile(String file, byte[] content, Map<String, Set<String>> firstHitTypes,
                                        List<Problem> problems) {
        Workbook workbook;
        try {
            workbook = WorkbookFactory.create(new ByteArrayInputStream(content));
        } catch (Exception | LinkageError notAWorkbook) {
            problems.add(Problem.inFile(file, "is not an Excel workbook (.xlsx) that can be opened: "
                    + notAWorkbook.getMessage()));
            return List.of();
        }
        List<GeneratedSheet> generated = new ArrayList<>();
        try (workbook) {
            boolean anyTable = false;
            List<String> valid = new ArrayList<>();
            for (Sheet sheet : workbook) {
                int before = problems.size();
                boolean hasTable = validateSheet(file, sheet, firstHitTypes, problems);
                anyTable |= hasTable;
                if (hasTable && problems.size() == before) {
                    valid.add(sheet.getSheetName());
                }
            }
            byte[] whole = valid.isEmpty() ? content : asDroolsMustReadIt(workbook);
            for (String sheet : valid) {
                generate(file, whole, sheet, problems).ifPresent(generated::add);
            }
            if (!anyTable) {
                problems.add(Problem.inFile(file, "has no sheet with a 'RuleTable' header: it is not a decision table"));
            }
            checkReferences(file, workbook, problems);
        } catch (java.io.IOException e) {
            problems.add(Problem.inFile(file, "cannot be read: " + e.getMessage()));
        }
        return generated;
    }

    private static java.util.Optional<GeneratedSheet> generate(String file, byte[] content, String sheetName,
                                                               List<Problem> problems) {
        String drl;
        try {
            drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), sheetName);
        } catch (RuntimeException e) {
            problems.add(new Problem(file, sheetName, null, null, null,
                    "Drools cannot read this sheet as a decision table: " + e.getMessage()));
            return java.util.Optional.empty();
        }
        Matcher packageMatcher = PACKAGE.matcher(drl);
        if (!packageMatcher.find()) {
            problems.add(new Problem(file, sheetName, null, null, null,
                    "has no 'RuleSet' cell naming its package (cell A1 should read RuleSet, B1 the package name)"));
            return java.util.Optional.empty();
        }
        Map<String, TableLocation> rules = new TreeMap<>();
        TreeMap<Integer, Integer> rowByLine = new TreeMap<>();
        String[] lines = drl.split("\n", -1);
        Integer currentRow = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            Matcher comment = ROW_COMMENT.matcher(line);
            if (comment.find()) {
                currentRow = Integer.parseInt(comment.group(2));
                rowByLine.put(i + 1, currentRow);
                continue;
            }
            Matcher name = RULE_NAME.matcher(line);
            if (name.find() && currentRow != null) {
                rules.put(name.group(1), new TableLocation(file, sheetName, currentRow));
            }
        }
        String drlPath = file + "/" + sheetName.replaceAll("[^A-Za-z0-9]", "_") + ".drl";
        return java.util.Optional.of(new GeneratedSheet(file, sheetName, drlPath, drl, packageMatcher.group(1),
                rules, rowByLine));
    }

    /** Checks every data cell of every RuleTable on the sheet; returns whether the sheet holds a table. */
    private static boolean validateSheet(String file, Sheet sheet, Map<String, Set<String>> firstHitTypes,
                                         List<Problem> problems) {
        boolean hasTable = false;
        for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
            Cell table = tableCell(sheet.getRow(r));
            if (table != null) {
                hasTable = true;
                r = validateTable(file, sheet, r, table.getColumnIndex(), firstHitTypes, problems);
            }
        }
        return hasTable;
    }

    /**
     * The workbook as Drools must read it, so that it reads what the checks above read:
     * <ul>
     * <li>every cell of each table's four engine rows present, blank where it is empty. A tool that
     *     drops empty cells on save (openpyxl drops an empty string cell) can leave a row ending inside
     *     a merged object-type cell; Drools' parser then never visits the merged cells past the first,
     *     and the merged columns' conditions lose their object type;</li>
     * <li>every number in the General format. Drools reads a whole number through its cell's format,
     *     so 25000 shown as money reached the rules as "25,000.00" and 7 shown as "7 days" as text; the
     *     shipped workbooks show units by number formats, and finance may format cells as it likes.</li>
     * </ul>
     */
    private static byte[] asDroolsMustReadIt(Workbook workbook) throws java.io.IOException {
        CellStyle general = null;
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.NUMERIC && cell.getCellStyle().getDataFormat() != 0
                            && !DateUtil.isCellDateFormatted(cell)) {
                        general = general != null ? general : workbook.createCellStyle();
                        cell.setCellStyle(general);
                    }
                }
            }
        }
        for (Sheet sheet : workbook) {
            for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
                Cell table = tableCell(sheet.getRow(r));
                if (table == null) {
                    continue;
                }
                Row keywords = sheet.getRow(r + 1);
                int width = keywords == null ? 0 : keywords.getLastCellNum();
                for (var region : sheet.getMergedRegions()) {
                    if (region.getFirstRow() > r && region.getFirstRow() <= r + 4) {
                        width = Math.max(width, region.getLastColumn() + 1);
                    }
                }
                for (int engine = r + 1; engine <= r + 4; engine++) {
                    Row row = sheet.getRow(engine) == null ? sheet.createRow(engine) : sheet.getRow(engine);
                    for (int c = table.getColumnIndex(); c < width; c++) {
                        if (row.getCell(c) == null) {
                            row.createCell(c, CellType.BLANK);
                        }
                    }
                }
            }
        }
        var bytes = new java.io.ByteArrayOutputStream();
        workbook.write(bytes);
        return bytes.toByteArray();
    }

    /** The row's 'RuleTable …' cell, which opens a decision table, or null. */
    static Cell tableCell(Row row) {
        if (row == null) {
            return null;
        }
        for (Cell cell : row) {
            if (cell.getCellType() == CellType.STRING
                    && cell.getStringCellValue().trim().toLowerCase().startsWith("ruletable")) {
                return cell;
            }
        }
        return null;
    }

    /**
     * Reference is a column whose values must name a value of a column on another sheet of the same
     * workbook: a row that names something the other sheet never defines would silently never match.
     */
    private record Reference(String sheet, String header, String targetSheet, String targetHeader, String what) {
    }

    private static final List<Reference> REFERENCES = List.of(
            new Reference("Priorities", "Band", "Bands", "Band", "a band"),
            new Reference("Tacos", "Line", "Lines", "Line", "a line"));

    /** CellValue is one data cell of a table column: its sheet row (as Excel numbers it) and its text. */
    private record CellValue(int row, String column, String text) {
    }

    private static void checkReferences(String file, Workbook workbook, List<Problem> problems) {
        for (Reference reference : REFERENCES) {
            Sheet sheet = workbook.getSheet(reference.sheet());
            Sheet target = workbook.getSheet(reference.targetSheet());
            if (sheet == null || target == null) {
                continue;
            }
            java.util.Set<String> defined = new java.util.LinkedHashSet<>();
            columnValues(target, reference.targetHeader()).forEach(cell -> defined.add(cell.text()));
            for (CellValue cell : columnValues(sheet, reference.header())) {
                if (!cell.text().isEmpty() && !defined.contains(cell.text())) {
                    problems.add(Problem.inCell(file, sheet.getSheetName(), cell.row(), cell.column(), "("
                            + reference.header() + ") '" + cell.text() + "' is not " + reference.what() + " of the "
                            + reference.targetSheet() + " sheet (" + String.join(", ", defined)
                            + "): the row would never match"));
                }
            }
        }
    }

    /** The data cells, in every RuleTable of the sheet, of the column headed {@code header}. */
    private static List<CellValue> columnValues(Sheet sheet, String header) {
        List<CellValue> values = new ArrayList<>();
        for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
            Cell tableCell = tableCell(sheet.getRow(r));
            Row headers = tableCell == null ? null : sheet.getRow(r + 4);
            if (headers == null) {
                continue;
            }
            int first = tableCell.getColumnIndex();
            int width = Math.max(0, headers.getLastCellNum() - first);
            int column = -1;
            for (int c = first; c < first + width; c++) {
                if (text(headers.getCell(c)).equalsIgnoreCase(header)) {
                    column = c;
                }
            }
            int d = r + 5;
            for (; d <= sheet.getLastRowNum(); d++) {
                Row data = sheet.getRow(d);
                if (data == null || isBlank(data, first, width)) {
                    break;
                }
                if (column >= 0) {
                    values.add(new CellValue(d + 1, column(column), text(data.getCell(column))));
                }
            }
            r = d;
        }
        return values;
    }

    private static int validateTable(String file, Sheet sheet, int tableRow, int firstColumn,
                                     Map<String, Set<String>> firstHitTypes, List<Problem> problems) {
        Row keywords = sheet.getRow(tableRow + 1);
        Row snippets = sheet.getRow(tableRow + 3);
        Row headers = sheet.getRow(tableRow + 4);
        if (keywords == null || snippets == null || headers == null) {
            problems.add(Problem.inCell(file, sheet.getSheetName(), tableRow + 1, column(firstColumn),
                    "the RuleTable needs four rows below it: keywords (CONDITION/ACTION), object types, code, and headers"));
            return tableRow;
        }
        List<CellChecks.Kind> kinds = new ArrayList<>();
        List<BigDecimal> minimums = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean firstCondition = true;
        for (int c = firstColumn; c < keywords.getLastCellNum(); c++) {
            String keyword = text(keywords.getCell(c)).toUpperCase();
            String snippet = text(snippets.getCell(c));
            String header = text(headers.getCell(c));
            if (keyword.isEmpty()) {
                break;
            }
            names.add(header.isEmpty() ? column(c) : header);
            if (!List.of("CONDITION", "ACTION", "METADATA", "NAME", "DESCRIPTION", "PRIORITY", "SALIENCE")
                    .contains(keyword)) {
                problems.add(Problem.inCell(file, sheet.getSheetName(), tableRow + 2, column(c),
                        "'" + keyword + "' is not a decision-table keyword (use CONDITION, ACTION or METADATA)"));
                kinds.add(CellChecks.Kind.OTHER);
                minimums.add(null);
                continue;
            }
            if (header.isEmpty() && (keyword.equals("CONDITION") || keyword.equals("ACTION") || keyword.equals("METADATA"))) {
                problems.add(Problem.inCell(file, sheet.getSheetName(), tableRow + 5, column(c),
                        "the column has no header: write what it holds, e.g. 'MAP' or 'Severity'"));
            }
            kinds.add(CellChecks.kindOf(keyword, snippet, firstCondition));
            Matcher key = METADATA_KEY.matcher(snippet.trim());
            minimums.add(keyword.equals("METADATA") && key.find() ? CellChecks.LEAST_BESIDES_ZERO.get(key.group(1)) : null);
            if (keyword.equals("CONDITION")) {
                firstCondition = false;
            }
        }
        Set<String> partitions = null;
        for (int c = firstColumn; c < firstColumn + kinds.size(); c++) {
            if (text(keywords.getCell(c)).equalsIgnoreCase("ACTION")) {
                String type = FirstHit.inserted(text(snippets.getCell(c)));
                if (type != null && firstHitTypes.containsKey(type)) {
                    partitions = firstHitTypes.get(type);
                }
            }
        }
        boolean firstHit = partitions != null;
        List<Integer> conditions = new ArrayList<>();
        List<FirstHit.Test> tests = new ArrayList<>();
        for (int c = firstColumn; c < firstColumn + kinds.size(); c++) {
            String keyword = text(keywords.getCell(c)).toUpperCase();
            String snippet = text(snippets.getCell(c));
            Matcher value = METADATA_KEY.matcher(snippet.trim());
            if (keyword.equals("CONDITION")) {
                conditions.add(c);
                tests.add(FirstHit.test(snippet));
            } else if (firstHit && keyword.equals("METADATA") && value.find() && partitions.contains(value.group(1))) {
                // rows only compete with rows holding the same value here: compared as if a condition
                conditions.add(c);
                tests.add(FirstHit.Test.EQUAL);
            }
        }
        List<List<String>> conditionCells = new ArrayList<>();
        List<Integer> sheetRows = new ArrayList<>();
        // a table ends at its first blank row: if none comes before the next table, this one runs into it
        int end = tableRow + 5;
        int nextTable = -1;
        for (; end <= sheet.getLastRowNum(); end++) {
            Row row = sheet.getRow(end);
            if (row == null || isBlank(row, firstColumn, kinds.size())) {
                break;
            }
            if (tableCell(row) != null) {
                nextTable = end;
                break;
            }
        }
        if (nextTable >= 0) {
            // the next table's title and guide sit above its RuleTable row: the blank row was filled above them
            int joined = Math.max(tableRow + 5, nextTable - 2);
            problems.add(Problem.inCell(file, sheet.getSheetName(), joined + 1, column(firstColumn), "row " + joined
                    + " is filled, so no blank row ends this table before row " + (joined + 1) + ": the rows of the "
                    + "next table down to its 'RuleTable' row " + (nextTable + 1) + " would be read as rows of this "
                    + "one. A table ends at its first blank row: keep one blank row between tables, and add rows by "
                    + "inserting them inside the table"));
            end = joined;
        }
        int r = tableRow + 5;
        for (; r < end; r++) {
            Row row = sheet.getRow(r);
            List<String> cells = new ArrayList<>();
            conditions.forEach(c -> cells.add(text(row.getCell(c))));
            conditionCells.add(cells);
            sheetRows.add(r + 1);
            for (int i = 0; i < kinds.size(); i++) {
                Cell cell = row.getCell(firstColumn + i);
                String problem = CellChecks.check(kinds.get(i), cell);
                if (problem == null) {
                    problem = CellChecks.belowLeast(minimums.get(i), cell);
                }
                if (problem != null) {
                    problems.add(Problem.inCell(file, sheet.getSheetName(), r + 1, column(firstColumn + i),
                            "(" + names.get(i) + ") " + problem));
                }
            }
        }
        if (firstHit) {
            for (FirstHit.Hidden hidden : FirstHit.hidden(tests, conditionCells, sheetRows)) {
                problems.add(Problem.inCell(file, sheet.getSheetName(), hidden.row(), column(firstColumn),
                        "row " + hidden.row() + " can never apply: row " + hidden.coveredBy() + " above it matches "
                                + "every case it covers, and the first matching row from the top decides; move it "
                                + "above row " + hidden.coveredBy() + ", narrow row " + hidden.coveredBy()
                                + ", or delete it"));
            }
        }
        return r;
    }

    private static boolean isBlank(Row row, int firstColumn, int width) {
        for (int i = 0; i < width; i++) {
            if (!text(row.getCell(firstColumn + i)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The text Drools sees in a cell: numbers as Drools' parser renders them, everything else trimmed. */
    static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue().trim();
            case NUMERIC -> {
                double number = cell.getNumericCellValue();
                yield number == Math.rint(number) && !Double.isInfinite(number)
                        ? String.valueOf((long) number) : String.valueOf(number);
            }
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case FORMULA -> "=" + cell.getCellFormula();
            default -> "";
        };
    }

    private static String column(int index) {
        return CellReference.convertNumToColString(index);
    }
}
