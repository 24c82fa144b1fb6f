package dev.governor.ruleset;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * TableRows reads the data rows of every decision table in a workbook, each keyed by its business
 * key — the values of its CONDITION columns (brand, category, SKU, channel, engine, …) — with the
 * values of its other columns, by header, so two versions of a table can be compared row by row.
 */
public final class TableRows {

    /** Table is one RuleTable: where it is and its rows by business key. */
    public record Table(String sheet, String name, List<String> keyHeaders, Map<String, TableRow> rows) {
    }

    /** TableRow is one data row: its spreadsheet row number, its key cells and its other cells, by header. */
    public record TableRow(int row, Map<String, String> key, Map<String, String> values) {
    }

    private TableRows() {
    }

    /** Every table of the workbook, by "sheet / table name"; empty when the bytes are not a workbook. */
    public static Map<String, Table> read(byte[] workbook) {
        Map<String, Table> tables = new LinkedHashMap<>();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(workbook))) {
            for (Sheet sheet : book) {
                for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    Cell first = row == null ? null : row.getCell(row.getFirstCellNum() < 0 ? 0 : row.getFirstCellNum());
                    if (first != null && first.getCellType() == CellType.STRING
                            && first.getStringCellValue().trim().toLowerCase().startsWith("ruletable")) {
                        Table table = table(sheet, r, first.getColumnIndex(),
                                first.getStringCellValue().trim().substring("ruletable".length()).trim());
                        tables.put(sheet.getSheetName() + " / " + table.name(), table);
                        r += 4 + table.rows().size();
                    }
                }
            }
        } catch (Exception notAWorkbook) {
            return Map.of();
        }
        return tables;
    }

    private static Table table(Sheet sheet, int tableRow, int firstColumn, String name) {
        Row keywords = sheet.getRow(tableRow + 1);
        Row headers = sheet.getRow(tableRow + 4);
        List<String> names = new ArrayList<>();
        List<Boolean> isKey = new ArrayList<>();
        for (int c = firstColumn; keywords != null && c < keywords.getLastCellNum(); c++) {
            String keyword = WorkbookCompiler.text(keywords.getCell(c)).toUpperCase();
            if (keyword.isEmpty()) {
                break;
            }
            String header = headers == null ? "" : WorkbookCompiler.text(headers.getCell(c));
            names.add(header.isEmpty() ? keyword + " " + (c - firstColumn + 1) : header);
            isKey.add(keyword.equals("CONDITION"));
        }
        List<String> keyHeaders = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (isKey.get(i)) {
                keyHeaders.add(names.get(i));
            }
        }
        List<TableRow> read = new ArrayList<>();
        for (int r = tableRow + 5; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            Map<String, String> key = new LinkedHashMap<>();
            Map<String, String> values = new LinkedHashMap<>();
            boolean blank = true;
            for (int i = 0; i < names.size(); i++) {
                String value = row == null ? "" : WorkbookCompiler.text(row.getCell(firstColumn + i));
                blank &= value.isEmpty();
                (isKey.get(i) ? key : values).put(names.get(i), value);
            }
            if (blank) {
                break;
            }
            read.add(new TableRow(r + 1, key, values));
        }
        // the conditions are the business key; where they repeat (promo windows of one engine), the first
        // other column — the window's or blackout's name — joins the key
        boolean repeats = read.stream().map(row -> row.key().values().toString()).distinct().count() < read.size();
        String extra = repeats && names.size() > keyHeaders.size() ? names.get(isKey.indexOf(false)) : null;
        if (extra != null) {
            keyHeaders.add(extra);
        }
        Map<String, TableRow> rows = new LinkedHashMap<>();
        for (TableRow row : read) {
            Map<String, String> key = new LinkedHashMap<>(row.key());
            Map<String, String> values = new LinkedHashMap<>(row.values());
            if (extra != null) {
                key.put(extra, values.remove(extra));
            }
            String id = String.join(" | ", key.values());
            for (int n = 2; rows.containsKey(id); n++) {
                id = String.join(" | ", key.values()) + " #" + n;
            }
            rows.put(id, new TableRow(row.row(), key, values));
        }
        return new Table(sheet.getSheetName(), name, keyHeaders, rows);
    }
}
