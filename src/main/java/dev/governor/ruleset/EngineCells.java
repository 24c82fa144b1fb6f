package dev.governor.ruleset;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/**
 * EngineCells tells a workbook's code from its data. Data is the cells of a decision table's rows
 * under its header row (up to the first blank row, within the table's columns) and every sheet that
 * holds no RuleTable (the Examples); everything else — RuleSet, Import, Variables, Functions, Notes,
 * the RuleTable name, the CONDITION/ACTION/METADATA row, the object-type row, the code row, the
 * header row, the guides — is engine cells, which Drools turns into code. Two workbooks are compared
 * engine row by engine row (data rows left out, so a table may grow or shrink), each cell by its text
 * at its column: a merged cell dropped empty by a re-save reads as the blank it was.
 */
public final class EngineCells {

    /** Change is one engine cell that differs: where it is in the upload and what it read before and after. */
    public record Change(String file, String sheet, int row, String column, Kind kind, String before, String after) {
    }

    /**
     * Kind says how an engine cell differs: its text changed or appeared (code); it went missing or
     * moved; or a blank row ended a table early, so the rows below it no longer read as its data.
     */
    public enum Kind { CHANGED, MISSING, TABLE_ENDED }

    /**
     * EngineRow is one row of engine cells: its row number in the sheet (from 1), its cells' texts by
     * column, and whether it is the first row after a table's data ended at a blank row.
     */
    private record EngineRow(int row, Map<Integer, String> cells, boolean afterTable) {
    }

    private EngineCells() {
    }

    /**
     * The engine cells of {@code uploaded} that differ from {@code inForce}, in sheet order; empty
     * when only data changed. A sheet with a RuleTable that is new, gone or renamed is a change at
     * its first cell. A workbook that cannot be opened is left to the compiler to report.
     */
    public static List<Change> compare(String file, byte[] inForce, byte[] uploaded) {
        Map<String, List<EngineRow>> before;
        Map<String, List<EngineRow>> after;
        try {
            before = engineRows(inForce);
            after = engineRows(uploaded);
        } catch (Exception | LinkageError unreadable) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        for (var sheet : after.entrySet()) {
            List<EngineRow> old = before.get(sheet.getKey());
            if (old == null) {
                EngineRow first = sheet.getValue().get(0);
                changes.add(new Change(file, sheet.getKey(), first.row(), "A", Kind.CHANGED, "",
                        "a new sheet with a RuleTable"));
                continue;
            }
            compareSheet(file, sheet.getKey(), old, sheet.getValue(), changes);
        }
        for (var sheet : before.entrySet()) {
            if (!after.containsKey(sheet.getKey())) {
                changes.add(new Change(file, sheet.getKey(), 1, "A", Kind.MISSING, "the sheet's RuleTable", ""));
            }
        }
        return changes;
    }

    private static void compareSheet(String file, String sheet, List<EngineRow> old, List<EngineRow> uploaded,
                                     List<Change> changes) {
        int rows = Math.max(old.size(), uploaded.size());
        for (int i = 0; i < rows; i++) {
            EngineRow was = i < old.size() ? old.get(i) : new EngineRow(-1, Map.of(), false);
            EngineRow now = i < uploaded.size() ? uploaded.get(i) : null;
            int at = now != null ? now.row() : uploaded.isEmpty() ? 1 : uploaded.get(uploaded.size() - 1).row() + 1;
            Map<Integer, String> cells = now == null ? Map.of() : now.cells();
            if (now != null && now.afterTable() && !cells.equals(was.cells())) {
                // the old rows went on here: a blank row cut the table short
                changes.add(new Change(file, sheet, now.row() - 1, "A", Kind.TABLE_ENDED, "", ""));
                return;
            }
            TreeMap<Integer, String> columns = new TreeMap<>(was.cells());
            cells.forEach(columns::putIfAbsent);
            for (int column : columns.keySet()) {
                String before = was.cells().getOrDefault(column, "");
                String after = cells.getOrDefault(column, "");
                if (before.equals(after)) {
                    continue;
                }
                Kind kind = !before.isEmpty() && after.isEmpty() ? Kind.MISSING : Kind.CHANGED;
                changes.add(new Change(file, sheet, at, CellReference.convertNumToColString(column), kind, before,
                        after));
            }
            if (!changes.isEmpty() && changes.get(changes.size() - 1).kind() == Kind.MISSING) {
                // a row missing or moved shifts every engine row after it: the first place is the one to fix
                return;
            }
        }
    }

    /** Each sheet holding a RuleTable, with its engine rows in order; sheets without one are data. */
    private static Map<String, List<EngineRow>> engineRows(byte[] content) throws Exception {
        Map<String, List<EngineRow>> sheets = new TreeMap<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            for (Sheet sheet : workbook) {
                List<EngineRow> rows = engineRows(sheet);
                if (rows != null) {
                    sheets.put(sheet.getSheetName(), rows);
                }
            }
        }
        return sheets;
    }

    /** The sheet's engine rows, or null when it holds no RuleTable. Blank rows are left out. */
    private static List<EngineRow> engineRows(Sheet sheet) {
        List<EngineRow> rows = new ArrayList<>();
        boolean anyTable = false;
        // the number of engine rows when the last table's data ended: the next engine row follows it
        int tableEnded = -1;
        for (int r = Math.max(0, sheet.getFirstRowNum()); r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            add(rows, r, row, -1, 0, tableEnded >= 0 && rows.size() == tableEnded);
            Cell table = WorkbookCompiler.tableCell(row);
            if (table == null) {
                continue;
            }
            anyTable = true;
            int first = table.getColumnIndex();
            Row keywords = sheet.getRow(r + 1);
            int width = 0;
            while (keywords != null && !WorkbookCompiler.text(keywords.getCell(first + width)).isEmpty()) {
                width++;
            }
            for (int k = 1; k <= 4 && r + k <= sheet.getLastRowNum(); k++) {
                add(rows, r + k, sheet.getRow(r + k), -1, 0, false);
            }
            int d = r + 5;
            for (; d <= sheet.getLastRowNum(); d++) {
                Row data = sheet.getRow(d);
                if (data == null || blank(data, first, width)) {
                    break;
                }
                // cells beside the table on a data row are engine cells too
                add(rows, d, data, first, width, false);
            }
            tableEnded = rows.size();
            r = d - 1;
        }
        return anyTable ? rows : null;
    }

    /** Adds the row's non-blank cells, leaving out the {@code width} columns from {@code first} (a table's data). */
    private static void add(List<EngineRow> rows, int r, Row row, int first, int width, boolean afterTable) {
        if (row == null) {
            return;
        }
        Map<Integer, String> cells = new TreeMap<>();
        for (Cell cell : row) {
            int c = cell.getColumnIndex();
            if (c >= first && c < first + width) {
                continue;
            }
            String text = WorkbookCompiler.text(cell);
            if (!text.isEmpty()) {
                cells.put(c, text);
            }
        }
        if (!cells.isEmpty()) {
            rows.add(new EngineRow(r + 1, cells, afterTable));
        }
    }

    private static boolean blank(Row row, int first, int width) {
        for (int c = first; c < first + width; c++) {
            if (!WorkbookCompiler.text(row.getCell(c)).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
