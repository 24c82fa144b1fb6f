package dev.governor.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A draft that changes rule code is compiled and its examples run in a child process: the shipped
 * rules pass there, and a draft whose code exits, loops, allocates without bound or throws with a
 * huge message is reported as failing, in a few hundred characters, while the server answers on.
 * The checks run side by side, so the suite pays for about two child start-ups, not five.
 */
class DraftCheckTest {

    static final String PRICING_DRL = "rules/pricing/pricing.drl";

    @RegisterExtension
    static final TestServer server = new TestServer();

    @TempDir
    Path folder;

    @Test
    void aDraftsCodeRunsInAChildAndWhateverItDoesComesBackAsAShortOutcome() throws Exception {
        DraftCheck check = new DraftCheck(Duration.ofSeconds(90), 192);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (Database database = Database.open(folder.resolve("reference.db"))) {
            CatalogService catalog = new CatalogService(database);
            catalog.seedIfEmpty(Path.of("samples/reference"));
            var shipped = CompletableFuture.supplyAsync(() -> check.check(ShippedRuleset.files(), catalog), pool);
            var exits = CompletableFuture.supplyAsync(() -> check.check(withRule("System.exit(0);"), catalog), pool);
            var allocates = CompletableFuture.supplyAsync(() -> check.check(withRule(
                    "java.util.List<long[]> all = new java.util.ArrayList<>(); while (true) { all.add(new long[1 << 20]); }"),
                    catalog), pool);
            var throwsHuge = CompletableFuture.supplyAsync(() -> check.check(withRule(
                    "throw new IllegalStateException(\"x\".repeat(5_000_000));"), catalog), pool);
            var broken = CompletableFuture.supplyAsync(() -> check.check(withText("rule \"Broken\" when then nothing("),
                    catalog), pool);
            DraftCheck quick = new DraftCheck(Duration.ofSeconds(45), 192);
            var loops = CompletableFuture.supplyAsync(() -> quick.check(withRule("while (true) { }"), catalog), pool);

            while (!CompletableFuture.allOf(shipped, exits, allocates, throwsHuge, broken, loops).isDone()) {
                assertThat(server.get("/health", null).status()).isEqualTo(200);
                Thread.sleep(500);
            }
            DraftCheck.Outcome ok = shipped.join();
            assertThat(ok.failure()).isNull();
            assertThat(ok.compiled()).isTrue();
            assertThat(ok.examples()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(ok.passed()).as(ok.toString()).isTrue();

            assertThat(exits.join().failure()).contains("stopped");
            assertThat(allocates.join().failure()).contains("memory");
            assertThat(loops.join().failure()).contains("did not finish");
            DraftCheck.Outcome huge = throwsHuge.join();
            assertThat(huge.passed()).isFalse();
            assertThat(huge.examples()).allSatisfy(example -> assertThat(example.path("detail").asText().length())
                    .isLessThanOrEqualTo(501));
            System.out.println("a draft that throws a 5,000,000-character message: " + huge.examples().get(0));
            DraftCheck.Outcome notCompiled = broken.join();
            assertThat(notCompiled.compiled()).isFalse();
            assertThat(notCompiled.problems()).isNotEmpty();
            assertThat(notCompiled.passed()).isFalse();
            for (var outcome : List.of(exits.join(), allocates.join(), loops.join(), huge, notCompiled)) {
                assertThat(outcome.toString().length()).as(outcome.toString()).isLessThan(20_000);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.get("/health", null).status()).isEqualTo(200);
    }

    /** The shipped ruleset with a rule that fires on every price offer and runs {@code consequence}. */
    private static RulesetFiles withRule(String consequence) {
        return withText("""

                rule "Draft code under test"
                when
                    $o : Offer()
                then
                    %s
                end
                """.formatted(consequence));
    }

    private static RulesetFiles withText(String appended) {
        Map<String, byte[]> files = new TreeMap<>(ShippedRuleset.files().files());
        files.put(PRICING_DRL, (new String(files.get(PRICING_DRL), StandardCharsets.UTF_8) + appended)
                .getBytes(StandardCharsets.UTF_8));
        return new RulesetFiles(files);
    }
}
