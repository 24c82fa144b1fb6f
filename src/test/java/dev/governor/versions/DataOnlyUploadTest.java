package dev.governor.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.Multipart;
import dev.governor.RulesetVariants;
import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads carry data, never code: a DRL file, a new file or a changed engine cell is refused with
 * 403 before anything is compiled or run (a rule that would exit the JVM or write a file never
 * runs: this test's own JVM would not survive it), a missing engine cell is a 422 at that cell,
 * and a data cell cannot smuggle code into the generated rules.
 */
class DataOnlyUploadTest {

    static final String MAP = VersionApiTest.MAP;
    static final String PRICING_DRL = VersionApiTest.PRICING_DRL;
    static final String CALENDAR = "decision-tables/promo/promo-calendar.drl.xlsx";

    @RegisterExtension
    static final TestServer server = new TestServer();

    static TestServer.Answer upload(Map<String, byte[]> parts) {
        return server.send(server.request("/api/rulesets", Role.FINANCE).header("Content-Type", Multipart.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.body(parts))).build());
    }

    static byte[] edited(String workbook, Consumer<Sheet> edit) {
        return RulesetVariants.edited(ShippedRuleset.files().files().get(workbook), edit);
    }

    @Test
    void aRuleThatExitsTheServiceOrWritesAFileIsRefusedAndNeverRuns() throws Exception {
        Path written = server.folder().resolve("written-by-a-rule.txt");
        String drl = new String(ShippedRuleset.files().files().get(PRICING_DRL), StandardCharsets.UTF_8) + """

                rule "Exit at once"
                when
                    eval(true)
                then
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "ran");
                    System.exit(0);
                end
                """.formatted(written.toString().replace("\\", "/"));
        long before = versions();
        var answer = upload(Map.of(PRICING_DRL, drl.getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("code").asText()).isEqualTo("code_change_not_allowed");
        assertThat(answer.json().at("/errors/0/file").asText()).isEqualTo(PRICING_DRL);
        assertThat(Files.exists(written)).isFalse();
        assertThat(versions()).isEqualTo(before);
        assertThat(server.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void aNewFileIsCode() {
        var answer = upload(Map.of("rules/pricing/extra.drl", "package x;".getBytes(StandardCharsets.UTF_8)));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().at("/errors/0/code").asText()).isEqualTo("file_added");
    }

    @Test
    void everyKindOfEngineCellIsCodeAndIsNamedByFileSheetAndCell() {
        Map<String, int[]> cells = Map.of(
                "RuleSet package", new int[] {0, 1},
                "Import", new int[] {1, 1},
                "Notes", new int[] {2, 1},
                "RuleTable name", new int[] {6, 0},
                "keyword row", new int[] {7, 0},
                "object-type row", new int[] {8, 0},
                "code row", new int[] {9, 1},
                "header row", new int[] {10, 0});
        for (var cell : cells.entrySet()) {
            int row = cell.getValue()[0];
            int column = cell.getValue()[1];
            var answer = upload(Map.of(MAP, edited(MAP, sheet -> sheet.getRow(row).getCell(column)
                    .setCellValue("System.exit(0)"))));
            assertThat(answer.status()).as(cell.getKey()).isEqualTo(403);
            JsonNode error = answer.json().get("errors").get(0);
            assertThat(error.get("code").asText()).as(cell.getKey()).isEqualTo("engine_cell_changed");
            assertThat(error.get("file").asText()).isEqualTo(MAP);
            assertThat(error.get("sheet").asText()).isEqualTo("MAP");
            assertThat(error.get("row").asInt()).as(cell.getKey()).isEqualTo(row + 1);
            assertThat(error.get("column").asText()).as(cell.getKey())
                    .isEqualTo(org.apache.poi.ss.util.CellReference.convertNumToColString(column));
        }
    }

    @Test
    void aNewSheetWithARuleTableIsCode() {
        byte[] workbook;
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                ShippedRuleset.files().files().get(MAP))); var out = new java.io.ByteArrayOutputStream()) {
            book.cloneSheet(0, "More");
            book.write(out);
            workbook = out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var answer = upload(Map.of(MAP, workbook));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().at("/errors/0/sheet").asText()).isEqualTo("More");
    }

    @Test
    void aMissingEngineCellIs422AtThatCellAndAnEmptyMergedCellDroppedIsNoChange() {
        var missing = upload(Map.of(MAP, edited(MAP, sheet -> sheet.getRow(9).getCell(1).setBlank())));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().at("/errors/0/code").asText()).isEqualTo("engine_cell_missing");
        assertThat(missing.json().at("/errors/0/row").asInt()).isEqualTo(10);

        // a re-save that drops the blank cells of a merged object-type cell, with a MAP raised
        var resaved = upload(Map.of(CALENDAR, RulesetVariants.edited(ShippedRuleset.files().files().get(CALENDAR),
                sheet -> {
                    for (var region : sheet.getMergedRegions()) {
                        for (int c = region.getFirstColumn() + 1; c <= region.getLastColumn(); c++) {
                            var row = sheet.getRow(region.getFirstRow());
                            if (row.getCell(c) != null) {
                                row.removeCell(row.getCell(c));
                            }
                        }
                    }
                })));
        assertThat(resaved.status()).as(resaved.body()).isNotEqualTo(403).isNotEqualTo(422);
    }

    @Test
    void aBlankRowInsideATableIsOneErrorSayingTheTableEndsThere() {
        var answer = upload(Map.of(MAP, edited(MAP, sheet -> {
            sheet.shiftRows(13, sheet.getLastRowNum(), 1);
        })));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().at("/errors/0/code").asText()).isEqualTo("table_ended");
        assertThat(answer.json().at("/errors/0/row").asInt()).isEqualTo(14);
    }

    @Test
    void aDataCellCannotCarryCodeButNamesWithBracketsKeepWorking() {
        var quoted = upload(Map.of(CALENDAR, RulesetVariants.edited(ShippedRuleset.files().files().get(CALENDAR),
                sheet -> firstDataCell(sheet).setCellValue("\"); System.exit(0); (\""))));
        assertThat(quoted.status()).isEqualTo(422);
        assertThat(quoted.json().at("/errors/0/code").asText()).isEqualTo("invalid_cell");
        var escaped = upload(Map.of(CALENDAR, RulesetVariants.edited(ShippedRuleset.files().files().get(CALENDAR),
                sheet -> firstDataCell(sheet).setCellValue("x\\u0022); System.exit(0); (\\u0022"))));
        assertThat(escaped.status()).isEqualTo(422);
        // a Java expression in a key cell is only ever a name compared as text: the draft compiles, the JVM lives
        var expression = upload(Map.of(CALENDAR, RulesetVariants.edited(ShippedRuleset.files().files().get(CALENDAR),
                sheet -> firstDataCell(sheet).setCellValue("System.exit(0)"))));
        assertThat(expression.status()).as(expression.body()).isEqualTo(201);
        var named = upload(Map.of(CALENDAR, RulesetVariants.edited(ShippedRuleset.files().files().get(CALENDAR),
                sheet -> firstDataCell(sheet).setCellValue("Prime Day (US)"))));
        assertThat(named.status()).as(named.body()).isEqualTo(201);
        var number = upload(Map.of(MAP, edited(MAP, sheet -> sheet.getRow(11).getCell(1)
                .setCellValue("java.lang.Runtime.getRuntime().halt(0)"))));
        assertThat(number.status()).isEqualTo(422);
        // the same bounds as the API: no figure past a billion, no more than four decimals typed
        for (String huge : java.util.List.of("1e1000", "1000000000.01", "17.123456")) {
            var tooMuch = upload(Map.of(MAP, edited(MAP, sheet -> sheet.getRow(11).getCell(1).setCellValue(huge))));
            assertThat(tooMuch.status()).as(huge).isEqualTo(422);
            assertThat(tooMuch.json().at("/errors/0/code").asText()).as(huge).isEqualTo("invalid_cell");
        }
    }

    /** The first cell of the first data row of the sheet's first table (the row under its header row). */
    private static org.apache.poi.ss.usermodel.Cell firstDataCell(Sheet sheet) {
        for (var row : sheet) {
            for (var cell : row) {
                if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                        && cell.getStringCellValue().startsWith("RuleTable")) {
                    return sheet.getRow(row.getRowNum() + 5).getCell(cell.getColumnIndex());
                }
            }
        }
        throw new IllegalStateException("no RuleTable on " + sheet.getSheetName());
    }

    private static long versions() {
        return server.count("select count(*) from ruleset_versions");
    }
}
