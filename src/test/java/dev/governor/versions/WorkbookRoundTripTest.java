package dev.governor.versions;

import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.ruleset.ExampleCases;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.TableRows;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped workbook, opened and saved as finance's tools would — LibreOffice (headless, Debian's
 * package), openpyxl (the Python library most scripts use) and Apache POI — is accepted just as the
 * original: not a change of code to the upload gate, same tables, same rows, same rules, every example
 * case passing. LibreOffice and openpyxl run where they are installed ({@code .ci/run} installs both).
 */
class WorkbookRoundTripTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    static boolean sofficeInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/soffice"));
    }

    static boolean openpyxlInstalled() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import openpyxl").redirectErrorStream(true).start();
        return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    @Test
    @EnabledIf("sofficeInstalled")
    void workbooksSavedByLibreOfficeCompileToTheSameRulesAndPassTheirExamples(@TempDir Path folder) throws Exception {
        assertAcceptedAfter(folder, (in, out, files) -> {
            List<String> command = new ArrayList<>(List.of("/usr/bin/soffice",
                    "-env:UserInstallation=" + folder.resolve("profile").toUri(), "--headless", "--calc",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out.toString()));
            files.forEach(file -> command.add(file.toString()));
            run(command, folder, 120);
        });
    }

    @Test
    @EnabledIf("openpyxlInstalled")
    void workbooksSavedByOpenpyxlCompileToTheSameRulesAndPassTheirExamples(@TempDir Path folder) throws Exception {
        assertAcceptedAfter(folder, (in, out, files) -> {
            List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", """
                    import openpyxl, pathlib, sys
                    for name in sys.argv[2:]:
                        book = openpyxl.load_workbook(pathlib.Path(sys.argv[1]) / name)
                        book.save(pathlib.Path(sys.argv[1]).parent / 'out' / name)
                    """, in.toString()));
            files.forEach(file -> command.add(file.getFileName().toString()));
            run(command, folder, 120);
        });
    }

    @Test
    void workbooksSavedByApachePoiCompileToTheSameRulesAndPassTheirExamples(@TempDir Path folder) throws Exception {
        assertAcceptedAfter(folder, (in, out, files) -> {
            for (Path file : files) {
                try (var book = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(file)));
                     var bytes = new ByteArrayOutputStream()) {
                    book.write(bytes);
                    Files.write(out.resolve(file.getFileName()), bytes.toByteArray());
                }
            }
        });
    }

    /** ReSave writes each workbook of {@code in} to {@code out} under the same name, as one tool saves it. */
    interface ReSave {
        void save(Path in, Path out, List<Path> files) throws Exception;
    }

    private static void run(List<String> command, Path folder, int seconds) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("tool.log").toFile()).start();
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(folder.resolve("tool.log"))).isZero();
    }

    private static void assertAcceptedAfter(Path folder, ReSave tool) throws Exception {
        Map<String, byte[]> shipped = ShippedRuleset.files().files();
        Path in = Files.createDirectories(folder.resolve("in"));
        Path out = Files.createDirectories(folder.resolve("out"));
        List<Path> workbooks = new ArrayList<>();
        Map<String, String> byName = new TreeMap<>();
        for (var entry : shipped.entrySet()) {
            if (entry.getKey().endsWith(".drl.xlsx")) {
                String name = entry.getKey().substring(entry.getKey().lastIndexOf('/') + 1);
                Files.write(in.resolve(name), entry.getValue());
                workbooks.add(in.resolve(name));
                byName.put(name, entry.getKey());
            }
        }
        tool.save(in, out, workbooks);

        Map<String, byte[]> saved = new TreeMap<>(shipped);
        byName.forEach((name, path) -> saved.put(path, read(out.resolve(name))));
        for (String path : byName.values()) {
            assertThat(saved.get(path)).as(path + " was re-saved").isNotEqualTo(shipped.get(path));
            assertThat(TableRows.read(saved.get(path)).toString()).as(path)
                    .isEqualTo(TableRows.read(shipped.get(path)).toString());
        }
        // finance's re-save is data: no engine cell reads differently, so the upload gate lets it through
        Map<String, byte[]> resavedWorkbooks = new TreeMap<>();
        byName.values().forEach(path -> resavedWorkbooks.put(path, saved.get(path)));
        Drafts.refuseCodeChanges(shipped, resavedWorkbooks);
        Ruleset resaved = new RulesetCompiler().compile(new RulesetFiles(saved));
        try {
            assertThat(resaved.ruleCount()).isEqualTo(ShippedRuleset.get().ruleCount());
            List<ExampleCases.Result> results = server.governor().examples().run(resaved);
            assertThat(results).hasSizeGreaterThanOrEqualTo(10)
                    .allSatisfy(result -> assertThat(result.passed()).as(result.toString()).isTrue());
        } finally {
            resaved.close();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("the tool wrote no " + file.getFileName(), e);
        }
    }
}
