package dev.governor.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.ShippedRuleset;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Offer;
import dev.governor.pricing.PriceService;
import dev.governor.promo.PromoService;
import dev.governor.proposals.ProposalLog;
import dev.governor.proposals.Proposals;
import dev.governor.reference.CatalogService;
import dev.governor.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single checks answered in groups, on the shipped ruleset and the sample catalog in a real SQLite
 * file: a check evaluated in one session with others gets exactly the answer it gets alone, one
 * check that breaks its session fails alone, and the wait is bounded.
 */
class CheckGroupsTest {

    /** Price checks that between them raise every pricing finding, and promo checks: each group mixes them. */
    private static final List<String> PRICES = List.of(
            price("TEA-001", "amazon-us", "21.99"), price("TEA-001", "amazon-us", "17.98"),
            price("TEA-001", "dtc-webstore", "17.99"), price("COF-001", "amazon-us", "29.99"),
            price("GFT-004", "amazon-us", "35.00"), price("COC-002", "wholesale", "3.00"),
            price("ACC-002", "amazon-us-fbm", "31.00"), price("TEA-002", "dtc-webstore", "9.00"));
    private static final List<String> PROMOS = List.of(
            "{\"channel\":\"dtc-webstore\",\"skus\":[\"TEA-001\",\"TEA-002\"],\"discountPercent\":25,"
                    + "\"start\":\"2026-11-27\",\"end\":\"2026-12-01\",\"type\":\"sitewide_sale\"}",
            "{\"channel\":\"amazon-us\",\"category\":\"coffee\",\"discountPercent\":45,"
                    + "\"start\":\"2026-12-20\",\"end\":\"2026-12-27\",\"type\":\"deal\"}");

    @TempDir
    static Path folder;
    private static Database database;
    private static Ruleset ruleset;
    private static PriceService prices;
    private static PromoService promos;
    private static final User LEAD = new User(1, "lead", EnumSet.of(Role.GM));
    /** The day the requests below are written for: their dates lie ahead of it. */
    private static final Clock NOVEMBER_22 = Clock.fixed(java.time.Instant.parse("2026-11-22T15:00:00Z"), java.time.ZoneOffset.UTC);

    private CheckGroups groups;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeAll
    static void setUp() {
        database = Database.open(folder.resolve("groups.db"));
        CatalogService catalogs = new CatalogService(database);
        catalogs.seedIfEmpty(Path.of("samples/reference"));
        ruleset = ShippedRuleset.get();
        Rulesets rulesets = new Rulesets(ruleset);
        ProposalLog log = new ProposalLog(database);
        Proposals proposals = new Proposals(database, log, new Submissions(database, new Routes(database),
                new AuditTrail(database, Clock.systemUTC())), catalogs, Clock.systemUTC());
        prices = new PriceService(catalogs, rulesets, instant -> ruleset, proposals, NOVEMBER_22);
        promos = new PromoService(catalogs, rulesets, instant -> ruleset, log, proposals, NOVEMBER_22);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @AfterEach
    void closeGroups() {
        release.countDown();
        if (groups != null) {
            groups.close();
        }
    }

    @Test
    void aCheckInAGroupGetsTheAnswerItGetsAlone() {
        groups = new CheckGroups("test", 1, 1024, 64);
        holdTheWorker();
        List<Evaluation> alone = new ArrayList<>();
        List<CompletableFuture<Evaluation>> grouped = new ArrayList<>();
        for (String body : PRICES) {
            alone.add(prices.check(LEAD, json(body)));
            grouped.add(prices.checkLater(LEAD, json(body), groups));
        }
        for (String body : PROMOS) {
            alone.add(promos.check(LEAD, json(body)));
            grouped.add(promos.checkLater(LEAD, json(body), groups));
        }
        AtomicInteger lastRef = new AtomicInteger(-1);
        CompletableFuture<Evaluation> last = groups.submit(ruleset, (ref, facts) -> lastRef.set(ref));
        release.countDown();

        assertThat(grouped.stream().map(CompletableFuture::join).toList()).isEqualTo(alone);
        last.join();
        // the last check was evaluated after every other one in the same session: they were one group
        assertThat(lastRef).hasValue(PRICES.size() + PROMOS.size());
        // the answers differ from check to check, and between them raise every pricing finding
        assertThat(alone.stream().flatMap(evaluation -> evaluation.findings().stream()).map(Finding::code))
                .contains("MAP_VIOLATION", "NEGATIVE_MARGIN", "MARGIN_BELOW_FLOOR", "PRICE_CHANGE_TOO_LARGE",
                        "PARITY_BUYBOX_RISK", "PARITY_DTC_UNDERCUT", "PROMO_BELOW_MAP", "PROMO_TOO_DEEP");
    }

    /**
     * A session of few facts runs on the unindexed twin of the knowledge base and a batch chunk on the
     * indexed one: each check in a chunk past {@link Ruleset#FEW_FACTS} gets the answer it gets alone.
     */
    @Test
    void aCheckInABatchChunkOnTheIndexedRulesGetsTheAnswerItGetsAlone() {
        List<JsonNode> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        while (2 * rows.size() <= Ruleset.FEW_FACTS) {
            for (String body : PRICES) {
                rows.add(json(body));
                numbers.add(rows.size());
            }
        }
        List<PriceService.BatchRow> answered = new ArrayList<>();
        prices.checkBatch(LEAD, rows, numbers, answered::add);

        assertThat(answered).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Evaluation alone = prices.check(LEAD, rows.get(i));
            assertThat(answered.get(i).verdict()).isEqualTo(alone.verdict());
            assertThat(answered.get(i).findings()).isEqualTo(alone.findings());
            assertThat(answered.get(i).margins()).isEqualTo(alone.margins());
        }
    }

    /**
     * The same SKU on the same channel in every request, each with approved promos of its own: a rule
     * that matched another request's recorded promos would change the answers.
     */
    @Test
    void promoChecksAgainstTheirOwnApprovedPromosGetTheirLoneAnswersInAGroup() {
        List<CheckGroups.Facts> requests = List.of(
                promo("10", "2026-11-27", "2026-11-30", 41, "dtc-webstore", "DTC", "10", "2026-11-30", "2026-12-02"),
                promo("10", "2026-11-27", "2026-11-30", 42, "dtc-webstore", "DTC", "10", "2026-12-01", "2026-12-02"),
                promo("10", "2026-11-01", "2026-11-11", 3, "dtc-webstore", "DTC", "10", "2026-10-01", "2026-10-20"),
                promo("10", "2026-11-01", "2026-11-10", 4, "dtc-webstore", "DTC", "10", "2026-10-01", "2026-10-20"),
                promo("25", "2026-11-27", "2026-11-30", 9, "amazon-us", "MARKETPLACE", "14", "2026-11-20", "2026-11-30"),
                promo("25", "2026-11-27", "2026-11-30", 10, "amazon-us", "MARKETPLACE", "15", "2026-11-20", "2026-11-30"));
        List<Evaluation> alone = requests.stream().map(request -> CheckGroups.alone(ruleset, request)).toList();
        groups = new CheckGroups("test", 1, 1024, 64);
        holdTheWorker();
        List<CompletableFuture<Evaluation>> grouped = requests.stream()
                .map(request -> groups.submit(ruleset, request)).toList();
        release.countDown();

        assertThat(grouped.stream().map(CompletableFuture::join).toList()).isEqualTo(alone);
        assertThat(alone.stream().map(evaluation -> evaluation.findings().stream().map(Finding::code).toList()))
                .anyMatch(codes -> codes.contains("PROMO_STACKING"))
                .anyMatch(codes -> codes.contains("PROMO_FREQUENCY"))
                .anyMatch(codes -> codes.contains("PROMO_CHANNEL_CONFLICT"))
                .anyMatch(codes -> !codes.contains("PROMO_STACKING") && !codes.contains("PROMO_FREQUENCY")
                        && !codes.contains("PROMO_CHANNEL_CONFLICT"));
    }

    @Test
    void aCheckThatBreaksItsGroupFailsAloneAndTheOthersAreAnswered() {
        groups = new CheckGroups("test", 1, 1024, 64);
        holdTheWorker();
        List<Evaluation> alone = PRICES.stream().map(body -> prices.check(LEAD, json(body))).toList();
        List<CompletableFuture<Evaluation>> grouped = new ArrayList<>();
        CompletableFuture<Evaluation> broken = null;
        for (int i = 0; i < PRICES.size(); i++) {
            grouped.add(prices.checkLater(LEAD, json(PRICES.get(i)), groups));
            if (i == 2) {
                broken = groups.submit(ruleset, (ref, facts) -> {
                    throw new IllegalStateException("these facts cannot be built");
                });
            }
        }
        release.countDown();

        assertThat(grouped.stream().map(CompletableFuture::join).toList()).isEqualTo(alone);
        assertThatThrownBy(broken::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be built");
    }

    @Test
    void pastTheWaitingLimitACheckIsRefusedWith503Overloaded() {
        groups = new CheckGroups("test", 1, 2, 64);
        holdTheWorker();
        var first = prices.checkLater(LEAD, json(PRICES.get(0)), groups);
        var second = prices.checkLater(LEAD, json(PRICES.get(1)), groups);

        assertThatThrownBy(() -> prices.checkLater(LEAD, json(PRICES.get(2)), groups))
                .isInstanceOfSatisfying(Refusal.class, problem -> {
                    assertThat(problem.code()).isEqualTo(ErrorCode.OVERLOADED);
                    
                    assertThat(problem.getMessage()).contains("2 checks are already waiting", "/api/price-checks/batch");
                });
        release.countDown();
        assertThat(first.join().verdict()).isNotNull();
        assertThat(second.join()).isEqualTo(prices.check(LEAD, json(PRICES.get(1))));
    }

    @Test
    void closingAnswersTheWaitingChecksAndRefusesNewOnes() {
        groups = new CheckGroups("test", 1, 1024, 64);
        holdTheWorker();
        var waiting = prices.checkLater(LEAD, json(PRICES.get(0)), groups);
        groups.close();

        assertThatThrownBy(waiting::join).hasCauseInstanceOf(Refusal.class)
                .cause().extracting(failure -> ((Refusal) failure).code()).isEqualTo(ErrorCode.SHUTTING_DOWN);
        assertThatThrownBy(() -> prices.checkLater(LEAD, json(PRICES.get(0)), groups))
                .isInstanceOfSatisfying(Refusal.class, problem -> assertThat(problem.code()).isEqualTo(ErrorCode.SHUTTING_DOWN));
    }

    /** Occupies the one worker until {@link #release}, so that the checks submitted next wait together. */
    private void holdTheWorker() {
        CountDownLatch started = new CountDownLatch(1);
        groups.submit(ruleset, (ref, facts) -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DTC promo on TEA-002 with one approved promo recorded against it. */
    private static CheckGroups.Facts promo(String discount, String start, String end, long approvedId, String channel,
                                           String engine, String approvedDiscount, String approvedStart,
                                           String approvedEnd) {
        return (ref, facts) -> {
            Offer offer = dev.governor.Facts.promoOffer().build(ref);
            facts.add(offer);
            facts.add(dev.governor.Facts.terms(offer, discount, start, end));
            facts.add(dev.governor.Facts.approved(offer, approvedId, channel, engine, approvedDiscount, approvedStart,
                    approvedEnd));
        };
    }

    private static String price(String sku, String channel, String price) {
        return "{\"sku\":\"" + sku + "\",\"channel\":\"" + channel + "\",\"price\":" + price
                + ",\"effectiveFrom\":\"2026-12-01\"}";
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
