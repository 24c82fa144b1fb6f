package dev.governor.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.ShippedRuleset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The shipped ruleset builds without error, and a broken file is refused with every problem located where finance fixes it. */
class RulesetCompilerTest {

    private static final String MAP = "decision-tables/pricing/map.drl.xlsx";

    @Test
    void shippedRulesetBuildsWithEveryTableRowMapped() {
        Ruleset ruleset = ShippedRuleset.get();
        assertThat(ruleset.ruleCount()).isGreaterThan(60);
        assertThat(ruleset.hash()).hasSize(64).isEqualTo(ShippedRuleset.files().hash());
    }

    @Test
    void everyShippedFileIsPartOfTheRuleset() {
        assertThat(ShippedRuleset.files().files().keySet()).contains(
                "rules/pricing/pricing.drl", "rules/promo/promo.drl", MAP,
                "decision-tables/pricing/margin.drl.xlsx", "decision-tables/pricing/price-policy.drl.xlsx",
                "decision-tables/promo/promo-calendar.drl.xlsx", "decision-tables/promo/promo-limits.drl.xlsx");
    }

    @Test
    void contentHashChangesWithAnyByte() {
        Map<String, byte[]> files = new TreeMap<>(ShippedRuleset.files().files());
        byte[] drl = files.get("rules/pricing/pricing.drl").clone();
        files.put("rules/pricing/pricing.drl", (new String(drl, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(new RulesetFiles(files).hash()).isNotEqualTo(ShippedRuleset.files().hash());
    }

    @Test
    void changingANumberInAWorkbookChangesTheVerdict() {
        Map<String, byte[]> files = new TreeMap<>(ShippedRuleset.files().files());
        files.put(MAP, edited(files.get(MAP), sheet -> sheet.getRow(11).getCell(1).setCellValue(22.99)));
        Ruleset edited = new RulesetCompiler().compile(new RulesetFiles(files));
        var offer = dev.governor.Facts.priceOffer().sku("TEA-001", "Leafy", "tea").price("21.99").build();
        assertThat(dev.governor.Facts.evaluate(offer).verdict()).isEqualTo(dev.governor.guardrail.Verdict.APPROVED);
        var sameOffer = dev.governor.Facts.priceOffer().sku("TEA-001", "Leafy", "tea").price("21.99").build();
        var answer = edited.evaluateRequest(List.of(sameOffer));
        assertThat(answer.verdict()).isEqualTo(dev.governor.guardrail.Verdict.REJECTED);
        assertThat(answer.findings().get(0).figures()).containsEntry("map", new java.math.BigDecimal("22.99"));
        assertThat(answer.rulesetVersion()).isNotEqualTo(ShippedRuleset.get().hash());
    }

    @Test
    void reportsDecimalCommaWithSheetRowAndColumn() {
        List<Problem> problems = problemsAfterEditing(MAP, sheet -> sheet.getRow(11).getCell(1).setCellValue("24,99"));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(MAP);
            assertThat(problem.sheet()).isEqualTo("MAP");
            assertThat(problem.row()).isEqualTo(12);
            assertThat(problem.column()).isEqualTo("B");
            assertThat(problem.message()).contains("'24,99' is not a number", "24.99");
        });
    }

    /** Excel's 30% is a cell holding 0.3 formatted as a percentage: refused at that cell, as is a plain 0.3 floor. */
    @Test
    void aPercentTypedAsExcelsPercentOrAsAFractionIsRefusedAtItsCell() {
        String margin = "decision-tables/pricing/margin.drl.xlsx";
        List<Problem> formatted = problemsAfterEditing(margin, sheet -> {
            var cell = sheet.getRow(11).getCell(2);
            cell.setCellValue(0.3);
            var style = sheet.getWorkbook().createCellStyle();
            style.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat("0%"));
            cell.setCellStyle(style);
        });
        assertThat(formatted).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isEqualTo(12);
            assertThat(problem.column()).isEqualTo("C");
            assertThat(problem.message()).isEqualTo("(Floor (CM %)) is formatted as a percentage, so Excel keeps 30% "
                    + "as 0.3: type 30 for 30 % in a cell formatted as a number");
        });
        List<Problem> fraction = problemsAfterEditing(margin, sheet -> sheet.getRow(11).getCell(2).setCellValue(0.3));
        assertThat(fraction).singleElement().satisfies(problem -> assertThat(problem.message())
                .isEqualTo("(Floor (CM %)) '0.3' is below 1, the least this column takes besides 0: percentages are "
                        + "written as 30 for 30 %, so type 30 for 30 %"));
        // a number format that only writes a % sign after the stored 30 is fine, and so is a floor of 0
        assertThat(cellProblems(margin, sheet -> {
            var style = sheet.getWorkbook().createCellStyle();
            style.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat("0\" %\""));
            sheet.getRow(11).getCell(2).setCellStyle(style);
        })).isEmpty();
        assertThat(cellProblems(margin, sheet -> sheet.getRow(11).getCell(2).setCellValue(0))).isEmpty();
    }

    /** In a first-hit sheet, a row an earlier row covers in every case is an error at that row, naming it. */
    @Test
    void aRowThatCanNeverApplyInAFirstHitSheetIsAnErrorNamingTheRowThatHidesIt() {
        String allocation = "decision-tables/allocation/allocation.drl.xlsx";
        // the hero row of amazon-us loses its YES: it now covers amazon-us in every band, hero or not
        List<Problem> hidden = firstHitProblems(allocation, sheet -> {
            if (sheet.getSheetName().equals("Priorities")) {
                sheet.getRow(13).getCell(3).setBlank();
            }
        });
        assertThat(hidden).extracting(Problem::sheet, Problem::row, Problem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Priorities", 15, "A"),
                org.assertj.core.groups.Tuple.tuple("Priorities", 16, "A"));
        assertThat(hidden.get(0).message()).isEqualTo("row 15 can never apply: row 14 above it matches every case it "
                + "covers, and the first matching row from the top decides; move it above row 14, narrow row 14, or "
                + "delete it");
        // a band inside the one above it: CRITICAL below 0.5 already takes every tightness below 0.4
        List<Problem> band = firstHitProblems(allocation, sheet -> {
            if (sheet.getSheetName().equals("Bands")) {
                sheet.getRow(12).getCell(0).setCellValue(0.1);
                sheet.getRow(12).getCell(1).setCellValue(0.4);
            }
        });
        assertThat(band).extracting(Problem::sheet, Problem::row).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Bands", 13));
        // rows of different budget lines never compete, whatever their weeks; the shipped tables hide nothing
        for (String workbook : ShippedRuleset.files().files().keySet()) {
            if (workbook.endsWith(".xlsx")) {
                assertThat(firstHitProblems(workbook, sheet -> { })).as(workbook).isEmpty();
            }
        }
    }

    /** A row typed into the blank row under a table joins it to the next table: one error, not one per cell. */
    @Test
    void aRowTypedIntoTheBlankRowUnderATableIsOneErrorSayingWhereTheTableNowEnds() {
        List<Problem> joined = cellProblems("decision-tables/pricing/margin.drl.xlsx", sheet -> {
            var row = sheet.getRow(17) == null ? sheet.createRow(17) : sheet.getRow(17);
            row.createCell(0).setCellValue("cocoa");
            row.createCell(1).setCellValue("amazon-us");
            row.createCell(2).setCellValue(28);
            row.createCell(3).setCellValue("NEEDS_APPROVAL");
        });
        assertThat(joined).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isEqualTo(19);
            assertThat(problem.column()).isEqualTo("A");
            assertThat(problem.message()).startsWith("row 18 is filled, so no blank row ends this table before row 19")
                    .contains("A table ends at its first blank row");
        });
    }

    @Test
    void reportsEveryBadCellAtOnce() {
        List<Problem> problems = problemsAfterEditing(MAP, sheet -> {
            sheet.getRow(11).getCell(1).setCellValue("twenty");
            sheet.getRow(12).getCell(2).setCellValue("Block");
            sheet.getRow(13).getCell(1).setBlank();
            sheet.getRow(22).getCell(0).setCellValue("\u201Ctea\u201D");
        });
        assertThat(problems).extracting(Problem::row, Problem::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(12, "B"), org.assertj.core.groups.Tuple.tuple(13, "C"),
                org.assertj.core.groups.Tuple.tuple(14, "B"), org.assertj.core.groups.Tuple.tuple(23, "A"));
        assertThat(problems).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("not a severity"))
                .anySatisfy(m -> assertThat(m).contains("is empty"))
                .anySatisfy(m -> assertThat(m).contains("quote"));
    }

    @Test
    void reportsBadWeeksAmountsFactorsAndSeveritiesInTheBudgetLines() {
        List<Problem> problems = problemsAfterEditing("decision-tables/budget/budget.drl.xlsx", sheet -> {
            sheet.getRow(11).getCell(1).setCellValue("W48 2026");
            sheet.getRow(11).getCell(5).setCellValue(-25000);
            sheet.getRow(11).getCell(10).setCellValue("Needs approval");
            sheet.getRow(11).getCell(12).setCellValue("1,1");
        });
        assertThat(problems).allSatisfy(problem -> assertThat(problem.sheet()).isEqualTo("Lines"));
        assertThat(problems).extracting(Problem::row, Problem::column, Problem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(12, "B",
                        "(From week) 'W48 2026' is not an ISO week written as YYYY-Www, e.g. 2026-W49"),
                org.assertj.core.groups.Tuple.tuple(12, "F", "(Weekly plan) '-25000' is negative"),
                org.assertj.core.groups.Tuple.tuple(12, "K", "(No evidence: severity) 'Needs approval' is not a "
                        + "severity: use one of BLOCK, NEEDS_APPROVAL, WARN, INFO"),
                org.assertj.core.groups.Tuple.tuple(12, "M", "(Safety factor) '1,1' is not a number: use a point as "
                        + "the decimal separator ('1.1')"));
    }

    @Test
    void reportsARowNamingABandOrALineItsWorkbookNeverDefines() {
        List<Problem> bands = problemsAfterEditing("decision-tables/allocation/allocation.drl.xlsx",
                sheet -> sheet.getRow(11).getCell(2).setCellValue("CRIT"));
        assertThat(bands).extracting(Problem::sheet, Problem::row, Problem::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Priorities", 15, "C"),
                org.assertj.core.groups.Tuple.tuple("Priorities", 18, "C"),
                org.assertj.core.groups.Tuple.tuple("Priorities", 20, "C"));
        assertThat(bands.get(0).message()).isEqualTo("(Band) 'CRITICAL' is not a band of the Bands sheet "
                + "(CRIT, TIGHT, SHORT, AMPLE): the row would never match");
        List<Problem> lines = problemsAfterEditing("decision-tables/budget/budget.drl.xlsx",
                sheet -> sheet.getRow(16).getCell(3).setCellValue("amazon-sponsored-brands"));
        assertThat(lines).singleElement().satisfies(problem -> {
            assertThat(problem.sheet()).isEqualTo("Tacos");
            assertThat(problem.row()).isEqualTo(13);
            assertThat(problem.column()).isEqualTo("A");
            assertThat(problem.message()).startsWith("(Line) 'amazon-sb' is not a line of the Lines sheet");
        });
    }

    @Test
    void reportsAMissingHeader() {
        List<Problem> problems = problemsAfterEditing(MAP, sheet -> sheet.getRow(10).getCell(1).setBlank());
        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.row()).isEqualTo(11);
            assertThat(problem.column()).isEqualTo("B");
            assertThat(problem.message()).contains("no header");
        });
    }

    @Test
    void reportsAnUnknownKeyword() {
        List<Problem> problems = problemsAfterEditing(MAP, sheet -> sheet.getRow(7).getCell(1).setCellValue("METADATTA"));
        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.row()).isEqualTo(8);
            assertThat(problem.message()).contains("'METADATTA' is not a decision-table keyword");
        });
    }

    @Test
    void refusesAFileThatIsNotAWorkbook() {
        Map<String, byte[]> files = new TreeMap<>(ShippedRuleset.files().files());
        files.put(MAP, "sku,map\nTEA-001,17.99\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new RulesetCompiler().compile(new RulesetFiles(files)))
                .isInstanceOfSatisfying(RulesetInvalid.class, invalid -> assertThat(invalid.problems()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.file()).isEqualTo(MAP);
                            assertThat(problem.message()).contains("not an Excel workbook");
                        }));
    }

    @Test
    void reportsADrlSyntaxErrorWithFileAndLine() {
        Map<String, byte[]> files = new TreeMap<>(ShippedRuleset.files().files());
        String drl = new String(files.get("rules/pricing/pricing.drl"), StandardCharsets.UTF_8)
                .replace("$o : Offer()\nthen", "$o : Offer(\nthen");
        files.put("rules/pricing/pricing.drl", drl.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new RulesetCompiler().compile(new RulesetFiles(files)))
                .isInstanceOfSatisfying(RulesetInvalid.class, invalid -> assertThat(invalid.problems())
                        .anySatisfy(problem -> {
                            assertThat(problem.file()).isEqualTo("rules/pricing/pricing.drl");
                            assertThat(problem.line()).isPositive();
                        }));
    }

    private static List<Problem> problemsAfterEditing(String workbook, Consumer<Sheet> edit) {
        Map<String, byte[]> files = new TreeMap<>(ShippedRuleset.files().files());
        files.put(workbook, edited(files.get(workbook), edit));
        try {
            new RulesetCompiler().compile(new RulesetFiles(files));
        } catch (RulesetInvalid invalid) {
            return invalid.problems();
        }
        throw new AssertionError("the edited ruleset compiled");
    }

    /** The problems the cell checks find in one edited workbook, without compiling any rule. */
    private static List<Problem> cellProblems(String workbook, Consumer<Sheet> edit) {
        List<Problem> problems = new java.util.ArrayList<>();
        WorkbookCompiler.compile(workbook, edited(ShippedRuleset.files().files().get(workbook), edit), problems);
        return problems;
    }

    /** The problems the cell checks and the first-hit analysis find in one edited workbook, without compiling a rule. */
    private static List<Problem> firstHitProblems(String workbook, Consumer<Sheet> edit) {
        List<Problem> problems = new java.util.ArrayList<>();
        var drl = ShippedRuleset.files().files().entrySet().stream().filter(file -> file.getKey().endsWith(".drl"))
                .map(file -> new String(file.getValue(), java.nio.charset.StandardCharsets.UTF_8)).toList();
        WorkbookCompiler.compile(workbook, dev.governor.RulesetVariants.editedEverySheet(
                ShippedRuleset.files().files().get(workbook), edit), FirstHit.types(drl), problems);
        return problems;
    }

    static byte[] edited(byte[] workbook, Consumer<Sheet> edit) {
        return dev.governor.RulesetVariants.edited(workbook, edit);
    }
}
