package dev.governor.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.TableRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped workbook, opened and saved by LibreOffice (headless, Debian's package), is accepted
 * just as the original: not a change of code to the upload gate, same tables, same rows, same
 * rules, every example case passing. Runs where
 * {@code soffice} is installed ({@code .ci/run} installs it).
 */
@EnabledIf("sofficeInstalled")
class LibreOfficeRoundTripTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static boolean sofficeInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/soffice"));
    }

    @Test
    void workbooksSavedByLibreOfficeCompileToTheSameRulesAndPassTheirExamples(@TempDir Path folder) throws Exception {
        Map<String, byte[]> shipped = ShippedRuleset.files().files();
        Path in = Files.createDirectories(folder.resolve("in"));
        Path out = Files.createDirectories(folder.resolve("out"));
        List<String> workbooks = new ArrayList<>();
        Map<String, String> byName = new TreeMap<>();
        for (var entry : shipped.entrySet()) {
            if (entry.getKey().endsWith(".drl.xlsx")) {
                String name = entry.getKey().substring(entry.getKey().lastIndexOf('/') + 1);
                Files.write(in.resolve(name), entry.getValue());
                workbooks.add(in.resolve(name).toString());
                byName.put(name, entry.getKey());
            }
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/soffice",
                "-env:UserInstallation=" + folder.resolve("profile").toUri(), "--headless", "--calc",
                "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out.toString()));
        command.addAll(workbooks);
        Process soffice = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("soffice.log").toFile()).start();
        assertThat(soffice.waitFor(120, TimeUnit.SECONDS)).as("LibreOffice finished").isTrue();

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
        RulesetVersions.refuseCodeChanges(shipped, resavedWorkbooks);
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
            throw new IllegalStateException("LibreOffice wrote no " + file.getFileName(), e);
        }
    }
}
