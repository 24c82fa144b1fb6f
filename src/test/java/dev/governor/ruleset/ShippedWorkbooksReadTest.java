package dev.governor.ruleset;

import dev.governor.ShippedRuleset;
import java.io.ByteArrayInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped workbook reads as finance needs it: each table's engine rows grouped, collapsed and
 * locked on a protected sheet, its data rows editable; numbers centred and text left; units in number
 * formats that never change what is stored (no Excel percent format); printed landscape, one page wide,
 * with gridlines and a repeated header row.
 */
class ShippedWorkbooksReadTest {

    @Test
    void everyTableSheetHidesAndLocksItsEngineRowsAndShowsUnitsWithoutChangingValues() throws Exception {
        int tables = 0;
        for (var file : ShippedRuleset.files().files().entrySet()) {
            if (!file.getKey().endsWith(".xlsx")) {
                continue;
            }
            try (var book = new XSSFWorkbook(new ByteArrayInputStream(file.getValue()))) {
                for (int s = 0; s < book.getNumberOfSheets(); s++) {
                    XSSFSheet sheet = book.getSheetAt(s);
                    String where = file.getKey() + " / " + sheet.getSheetName();
                    if (sheet.getSheetName().equals(ExampleCases.SHEET)) {
                        continue;
                    }
                    assertThat(sheet.getProtect()).as(where + " is protected").isTrue();
                    assertThat(sheet.getPrintSetup().getLandscape()).as(where).isTrue();
                    assertThat(sheet.getPrintSetup().getFitWidth()).as(where).isEqualTo((short) 1);
                    assertThat(sheet.isPrintGridlines()).as(where).isTrue();
                    assertThat(sheet.getRepeatingRows()).as(where).isNotNull();
                    assertThat(book.getPrintArea(s)).as(where).isNotNull();
                    for (Row row : sheet) {
                        Cell first = row.getCell(0);
                        boolean tableStart = first != null && first.getCellType() == CellType.STRING
                                && first.getStringCellValue().startsWith("RuleTable");
                        if (!tableStart) {
                            continue;
                        }
                        tables++;
                        for (int engine = row.getRowNum(); engine <= row.getRowNum() + 3; engine++) {
                            Row engineRow = sheet.getRow(engine);
                            assertThat(engineRow.getZeroHeight()).as(where + " row " + (engine + 1) + " is collapsed")
                                    .isTrue();
                            assertThat(engineRow.getOutlineLevel()).as(where).isPositive();
                            engineRow.forEach(cell -> assertThat(cell.getCellStyle().getLocked())
                                    .as(where + " " + cell.getAddress() + " is locked").isTrue());
                        }
                        for (int data = row.getRowNum() + 5; sheet.getRow(data) != null
                                && sheet.getRow(data).getCell(0) != null
                                && !sheet.getRow(data).getCell(0).toString().isEmpty(); data++) {
                            for (Cell cell : sheet.getRow(data)) {
                                String at = where + " " + cell.getAddress();
                                assertThat(cell.getCellStyle().getLocked()).as(at + " is editable").isFalse();
                                if (cell.getCellType() == CellType.NUMERIC) {
                                    assertThat(cell.getCellStyle().getAlignment()).as(at).isEqualTo(HorizontalAlignment.CENTER);
                                    assertThat(CellChecks.percentFormatted(cell))
                                            .as(at + " keeps the number typed").isFalse();
                                } else if (cell.getCellType() == CellType.STRING) {
                                    assertThat(cell.getCellStyle().getAlignment()).as(at).isEqualTo(HorizontalAlignment.LEFT);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(tables).as("the RuleTables of the shipped workbooks").isEqualTo(19);
    }
}
