package dev.governor.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.core.Json;
import dev.governor.proposals.ProposalLog;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.RulesetFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * DraftCheck compiles a draft that changes rule code, and runs its example cases, outside the
 * server: in a short-lived child process of the same program, with a time limit and a memory cap,
 * on a scratch database seeded with the reference data in force, holding no handle on the server's
 * database. Only a structured outcome comes back (compiled or not, each example passed or not,
 * messages cut to a few hundred characters). A draft whose code exits, loops, allocates without
 * bound or throws is reported as failing; the server is not touched.
 */
public final class DraftCheck {

    /** Outcome is what the check found: compiled, the compiler's problems, each example, or why it failed. */
    public record Outcome(boolean compiled, int ruleCount, List<JsonNode> problems, List<JsonNode> examples,
                          List<JsonNode> replay, String failure) {

        /** Whether the draft compiled and every example case passed. */
        public boolean passed() {
            return failure == null && compiled && examples.stream().allMatch(example -> example.path("passed").asBoolean());
        }

        static Outcome failed(String why) {
            return new Outcome(false, 0, List.of(), List.of(), List.of(), why);
        }
    }

    /** The most bytes of outcome read back (a replay of 100,000 proposals answers a few MiB). */
    static final int MAX_OUTCOME = 32 << 20;
    /** The most characters of the child's own output quoted when it fails. */
    static final int TAIL = 300;

    private final Duration timeLimit;
    private final int heapMegabytes;

    public DraftCheck(Duration timeLimit, int heapMegabytes) {
        this.timeLimit = timeLimit;
        this.heapMegabytes = heapMegabytes;
    }

    /** The limits the service runs drafts under: two minutes and 384 MiB of heap. */
    public static DraftCheck standard() {
        return new DraftCheck(Duration.ofMinutes(2), 384);
    }

    /** Checks {@code draft} in a child process against the reference data of {@code catalog}. */
    public Outcome check(RulesetFiles draft, CatalogService catalog) {
        return check(draft, catalog, null);
    }

    /**
     * Checks {@code draft} in a child process and, when {@code replay} is given, answers each of those
     * recorded proposals under it too (the outcome's replay, in order: a verdict with finding codes, or
     * skipped).
     */
    public Outcome check(RulesetFiles draft, CatalogService catalog, List<ProposalLog.Replayable> replay) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("governor-draft");
            for (var file : draft.files().entrySet()) {
                Path target = folder.resolve("files").resolve(file.getKey()).normalize();
                if (!target.startsWith(folder.resolve("files"))) {
                    return Outcome.failed("the draft names a file outside the ruleset: " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            catalog.exportTo(folder.resolve("reference"));
            if (replay != null) {
                Files.writeString(folder.resolve("replay.json"), Json.write(replay.stream().map(proposal -> Map.of(
                        "id", proposal.id(), "kind", proposal.kind(), "request", proposal.request())).toList()));
            }
            return run(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("the draft could not be set out for its check", e);
        } finally {
            delete(folder);
        }
    }

    private Outcome run(Path folder) throws IOException {
        Path out = folder.resolve("outcome.json");
        Path log = folder.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx" + heapMegabytes + "m", "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.governor.Main",
                "check-draft", folder.toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished;
        try {
            finished = child.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            return Outcome.failed("the check was interrupted");
        }
        if (!finished) {
            child.destroyForcibly();
            return Outcome.failed("the check did not finish within " + timeLimit.toSeconds() + " s: the draft's code "
                    + "may loop without end");
        }
        int status = child.exitValue();
        if (status == 3) {
            return Outcome.failed("the check ran out of its " + heapMegabytes + " MiB of memory: the draft's code "
                    + "may allocate without bound");
        }
        if (status != 0) {
            return Outcome.failed("the check ended with status " + status + ": " + tail(log));
        }
        if (!Files.isRegularFile(out)) {
            return Outcome.failed("the check ended before it reported: the draft's code stopped it");
        }
        if (Files.size(out) > MAX_OUTCOME) {
            return Outcome.failed("the check reported more than " + MAX_OUTCOME + " bytes");
        }
        JsonNode outcome = Json.MAPPER.readTree(out.toFile());
        return new Outcome(outcome.path("compiled").asBoolean(), outcome.path("ruleCount").asInt(),
                list(outcome.path("problems")), list(outcome.path("examples")), list(outcome.path("replay")), null);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return List.copyOf(items);
    }

    /** The last characters the child wrote, on one line. */
    private static String tail(Path log) {
        try (InputStream in = Files.newInputStream(log)) {
            long size = Files.size(log);
            in.skipNBytes(Math.max(0, size - 4 * TAIL));
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
            return text.length() <= TAIL ? text : "…" + text.substring(text.length() - TAIL);
        } catch (IOException e) {
            return "(its output could not be read)";
        }
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is removed with the system's temporary files
        }
    }
}
