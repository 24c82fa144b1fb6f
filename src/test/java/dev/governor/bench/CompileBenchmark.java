package dev.governor.bench;

import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.tools.ShippedWorkbooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CompileBenchmark measures how long the shipped ruleset takes to compile, and the same with a MAP
 * table of 500, 1,000 and 5,000 generated SKU rows (3 compiles each, median), and the heap: used
 * after GC with the ruleset loaded, and that minus the heap used before its compile.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.governor.bench.CompileBenchmark}
 */
public final class CompileBenchmark {

    private CompileBenchmark() {
    }

    /** The shipped ruleset with {@code rows} generated SKU rows added to the MAP table. */
    public static RulesetFiles withMapRows(int rows) {
        RulesetFiles shipped = RulesetFiles.fromDirectory(Path.of("."));
        if (rows == 0) {
            return shipped;
        }
        try {
            Path file = Files.createTempFile("map", ".drl.xlsx");
            try {
                ShippedWorkbooks.writeMap(file, rows);
                Map<String, byte[]> files = new TreeMap<>(shipped.files());
                files.put("decision-tables/pricing/map.drl.xlsx", Files.readAllBytes(file));
                return new RulesetFiles(files);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        System.out.printf("%-12s %8s %16s %22s %16s %16s%n", "extra rows", "rules", "compile ms (med)", "runs ms",
                "heap delta MiB", "heap used MiB");
        for (int rows : new int[] {0, 500, 1_000, 5_000}) {
            RulesetFiles files = withMapRows(rows);
            List<Long> times = new ArrayList<>();
            int rules = 0;
            long heap = 0;
            long used = 0;
            for (int run = 0; run < 3; run++) {
                long before = usedAfterGc();
                long started = System.nanoTime();
                Ruleset ruleset = new RulesetCompiler().compile(files);
                times.add((System.nanoTime() - started) / 1_000_000);
                used = usedAfterGc();
                heap = used - before;
                // used after the measurement, so the ruleset is still reachable while it is measured
                rules = ruleset.ruleCount();
                ruleset.close();
            }
            List<Long> sorted = new ArrayList<>(times);
            sorted.sort(Long::compare);
            System.out.printf("%-12d %8d %16d %22s %16.1f %16.1f%n", rows, rules, sorted.get(1), times,
                    heap / 1048576.0, used / 1048576.0);
        }
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
