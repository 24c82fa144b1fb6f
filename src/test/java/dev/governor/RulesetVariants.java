package dev.governor;

import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.tools.ShippedWorkbooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** RulesetVariants compiles the shipped ruleset with one file changed, as finance would change it, for tests of what a table change does. */
public final class RulesetVariants {

    public static final String RACI = "decision-tables/approvals/raci.drl.xlsx";

    private RulesetVariants() {
    }

    /** The shipped ruleset with the RACI sheet holding these rows instead of the shipped ones. */
    public static Ruleset withRaci(List<Object[]> rows) {
        try {
            Path file = Files.createTempFile("raci", ".drl.xlsx");
            try {
                ShippedWorkbooks.writeRaci(file, rows);
                return withFile(RACI, Files.readAllBytes(file));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook with its first sheet edited, as finance would edit it. */
    public static byte[] edited(byte[] workbook, java.util.function.Consumer<org.apache.poi.ss.usermodel.Sheet> edit) {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook));
             var out = new java.io.ByteArrayOutputStream()) {
            edit.accept(book.getSheetAt(0));
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook with every sheet handed to {@code edit}, which picks the one it changes by name. */
    public static byte[] editedEverySheet(byte[] workbook,
                                          java.util.function.Consumer<org.apache.poi.ss.usermodel.Sheet> edit) {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook));
             var out = new java.io.ByteArrayOutputStream()) {
            book.forEach(edit);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped ruleset with the first sheet of one shipped workbook edited. */
    public static Ruleset withEdited(String workbook, java.util.function.Consumer<org.apache.poi.ss.usermodel.Sheet> edit) {
        return withFile(workbook, edited(ShippedRuleset.files().files().get(workbook), edit));
    }

    /** The shipped ruleset with one file replaced. */
    public static Ruleset withFile(String path, byte[] content) {
        Map<String, byte[]> files = new TreeMap<>(ShippedRuleset.files().files());
        files.put(path, content);
        return new RulesetCompiler().compile(new RulesetFiles(files));
    }
}
