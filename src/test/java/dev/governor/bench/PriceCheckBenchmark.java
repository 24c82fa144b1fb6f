package dev.governor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.Json;
import dev.governor.pricing.PriceService;
import dev.governor.proposals.ProposalLog;
import dev.governor.proposals.Proposals;
import dev.governor.reference.Catalog;
import dev.governor.reference.CatalogService;
import dev.governor.reference.Channel;
import dev.governor.reference.Product;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PriceCheckBenchmark measures in-process price checks on one thread: the real PriceService
 * (request validation, facts, the shipped ruleset with every pricing guardrail, findings with
 * sources) beside a hand-written plain-Java MAP + margin check as the floor.
 *
 * <p>The warm-up is 15 x 2 s because, on two cores, C2 keeps compiling the Drools engine and the
 * generated rule classes until about 35 s after the fork starts (measured with -XX:+LogCompilation:
 * 5-8 s of compile time per 5 s until then, none after). With the former 4 x 2 s, the first
 * measured iterations ran at half the steady rate while the compiler took a core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 7, time = 2)
public class PriceCheckBenchmark {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int GROUP = 16;

    private Path folder;
    private Database database;
    private PriceService service;
    private Catalog catalog;
    private User lead;
    private List<JsonNode> requests;
    private Map<String, BigDecimal> mapBySku;
    private Map<String, BigDecimal> mapByCategory;
    private Map<String, BigDecimal> mapByBrand;
    private Map<String, BigDecimal> floorByCategory;
    private int next;

    /** Extra generated SKU rows in the MAP table (0: the shipped workbook). */
    @org.openjdk.jmh.annotations.Param({"0"})
    public int mapRows;

    /** From how many rules on sessions of few facts are kept and emptied instead of reset (0: always; the product's default). */
    @org.openjdk.jmh.annotations.Param({"" + RulesetCompiler.REUSE_FROM_RULES})
    public int reuseFromRules;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("governor-bench");
        database = Database.open(folder.resolve("bench.db"));
        CatalogService catalogs = new CatalogService(database);
        catalogs.seedIfEmpty(Path.of("samples/reference"));
        catalog = catalogs.current();
        Rulesets rulesets = new Rulesets(new RulesetCompiler(reuseFromRules).compile(CompileBenchmark.withMapRows(mapRows)));
        ProposalLog log = new ProposalLog(database);
        service = new PriceService(catalogs, rulesets, instant -> rulesets.active(), new Proposals(database, log,
                new Submissions(database, new Routes(database), new AuditTrail(database, Clock.systemUTC())), catalogs,
                Clock.systemUTC()),
                // the requests below are dated 2026-12-01, so they are judged as on 22 November
                Clock.fixed(java.time.Instant.parse("2026-11-22T15:00:00Z"), java.time.ZoneOffset.UTC));
        lead = new User(1, "bench", EnumSet.of(Role.MARKETPLACE_LEAD, Role.DTC_LEAD));
        requests = new ArrayList<>();
        String[] channels = {"dtc-webstore", "amazon-us", "amazon-us-fbm"};
        int i = 0;
        for (Product product : catalog.products()) {
            for (String channel : channels) {
                BigDecimal current = catalog.findPrice(product.sku(), channel).orElse(product.msrp());
                BigDecimal price = current.multiply(BigDecimal.valueOf(80 + (i++ % 30))).divide(HUNDRED, 2, RoundingMode.HALF_UP);
                requests.add(Json.MAPPER.readTree("{\"sku\":\"" + product.sku() + "\",\"channel\":\"" + channel
                        + "\",\"price\":" + price.toPlainString() + ",\"effectiveFrom\":\"2026-12-01\"}"));
            }
        }
        // the plain-Java floor uses the shipped numbers, copied by hand
        mapBySku = Map.of("TEA-001", new BigDecimal("17.99"), "COF-001", new BigDecimal("16.99"), "GFT-004", new BigDecimal("39.99"));
        mapByCategory = Map.of("tea", new BigDecimal("12.99"), "coffee", new BigDecimal("11.99"), "gift-sets", new BigDecimal("27.99"));
        mapByBrand = Map.of("Leafy", new BigDecimal("9.99"), "Brewhaus", new BigDecimal("9.99"), "Cocoa Lane", new BigDecimal("7.99"));
        floorByCategory = Map.of("tea", new BigDecimal("35"), "coffee", new BigDecimal("30"), "cocoa", new BigDecimal("30"),
                "accessories", new BigDecimal("25"), "gift-sets", new BigDecimal("25"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public Evaluation governorPriceCheck() {
        JsonNode request = requests.get(next++ % requests.size());
        return service.check(lead, request);
    }

    /**
     * Sixteen checks evaluated in one rules session, as the HTTP server groups waiting checks under
     * load (CheckGroups); the score is checks per second.
     */
    @Benchmark
    @OperationsPerInvocation(GROUP)
    public int governorChecksInGroupsOf16() {
        return checkInOneSession(GROUP);
    }

    /** Two checks evaluated in one rules session: under wrk's 32 connections most groups hold one or two. */
    @Benchmark
    @OperationsPerInvocation(2)
    public int governorChecksInPairs() {
        return checkInOneSession(2);
    }

    private int checkInOneSession(int size) {
        List<JsonNode> rows = new ArrayList<>(size);
        List<Integer> numbers = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            rows.add(requests.get(next++ % requests.size()));
            numbers.add(k + 1);
        }
        int[] answered = {0};
        service.checkBatch(lead, rows, numbers, row -> answered[0]++);
        return answered[0];
    }

    /** The floor: a MAP look-up (SKU, category, brand) and a contribution-margin floor, by hand, on the same requests. */
    @Benchmark
    public boolean plainJavaMapAndMarginCheck() {
        JsonNode request = requests.get(next++ % requests.size());
        Product product = catalog.findProduct(request.get("sku").asText()).orElseThrow();
        Channel channel = catalog.findChannel(request.get("channel").asText()).orElseThrow();
        BigDecimal price = request.get("price").decimalValue();
        BigDecimal map = mapBySku.getOrDefault(product.sku(), mapByCategory.getOrDefault(product.category(),
                mapByBrand.get(product.brand())));
        boolean mapViolation = map != null && price.compareTo(map) < 0;
        BigDecimal cm = price.subtract(product.unitCost())
                .subtract(price.multiply(channel.referralPercent()).divide(HUNDRED))
                .subtract(channel.fulfilmentFee())
                .subtract(price.multiply(channel.paymentPercent()).divide(HUNDRED))
                .subtract(channel.returnRatePercent().multiply(channel.costPerReturn()).divide(HUNDRED));
        BigDecimal cmPercent = cm.multiply(HUNDRED).divide(price, 6, RoundingMode.HALF_UP);
        BigDecimal floor = floorByCategory.get(product.category());
        return mapViolation || cm.signum() < 0 || (floor != null && cmPercent.compareTo(floor) < 0);
    }
}
