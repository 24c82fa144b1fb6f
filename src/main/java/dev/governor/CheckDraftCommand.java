package dev.governor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.core.Json;
import dev.governor.proposals.ProposalLog;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.RulesetInvalid;
import dev.governor.store.Database;
import dev.governor.versions.Impact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * CheckDraftCommand is what the server runs in a short-lived child process to check a draft that
 * changes rule code: it compiles the draft and runs its example cases on a scratch database seeded
 * with the reference data in force, and writes the outcome as JSON. The child holds no handle on
 * the server's database; whatever the draft's code does, it does here, within the child's limits.
 */
@Command(name = "check-draft", hidden = true, description = "Internal: compile a draft and run its example cases "
        + "in this process, writing the outcome as JSON (the server runs it in a child process).")
final class CheckDraftCommand implements Callable<Integer> {

    /** The most characters of a message the outcome carries. */
    static final int MESSAGE = 500;

    @Parameters(index = "0", description = "Folder holding files/ (the draft), reference/ (channels, products, "
            + "prices) and, to replay recorded proposals, replay.json")
    Path folder;

    @Option(names = "--out", required = true, description = "Where to write the outcome")
    Path out;

    @Override
    public Integer call() throws IOException {
        Map<String, Object> outcome = new LinkedHashMap<>();
        Map<String, byte[]> files = read(folder.resolve("files"));
        try (Database scratch = Database.open(folder.resolve("scratch.db"))) {
            var services = Governor.assemble(scratch, folder.resolve("reference"), new RulesetFiles(files), null,
                    null, Clock.systemUTC());
            var active = services.rulesets().active();
            outcome.put("compiled", true);
            outcome.put("ruleCount", active.ruleCount());
            outcome.put("examples", services.examples().run(active).stream().map(result -> Map.of(
                    "workbook", result.workbook(), "row", result.row(), "name", cut(result.name()),
                    "passed", result.passed(), "detail", cut(result.toString()))).toList());
            Path replay = folder.resolve("replay.json");
            if (Files.isRegularFile(replay)) {
                List<ProposalLog.Replayable> proposals = new ArrayList<>();
                for (JsonNode item : Json.MAPPER.readTree(replay.toFile())) {
                    proposals.add(new ProposalLog.Replayable(item.path("id").asLong(), item.path("kind").asText(),
                            item.path("request"), null, null));
                }
                outcome.put("replay", Impact.answers(services.examples(), active, proposals).stream()
                        .map(answer -> answer == null ? Map.of("skipped", true) : answer).toList());
            }
        } catch (RulesetInvalid invalid) {
            outcome.put("compiled", false);
            outcome.put("problems", invalid.problems().stream().limit(200).map(problem -> {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("file", problem.file());
                shown.put("sheet", problem.sheet());
                shown.put("row", problem.row());
                shown.put("column", problem.column());
                shown.put("line", problem.line());
                shown.put("message", cut(problem.message()));
                return shown;
            }).toList());
        }
        Files.writeString(out, Json.write(outcome));
        return 0;
    }

    private static Map<String, byte[]> read(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString().replace('\\', '/'), readAll(path));
            }
        }
        return files;
    }

    private static byte[] readAll(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cut(String text) {
        return text == null || text.length() <= MESSAGE ? text : text.substring(0, MESSAGE) + "…";
    }

}
