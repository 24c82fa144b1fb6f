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

    /** The shipped ruleset with one file replaced. */
    public static Ruleset withFile(String path, byte[] content) {
        Map<String, byte[]> files = new TreeMap<>(ShippedRuleset.files().files());
        files.put(path, content);
        return new RulesetCompiler().compile(new RulesetFiles(files));
    }
}
