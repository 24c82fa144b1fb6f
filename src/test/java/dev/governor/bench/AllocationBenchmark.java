package dev.governor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.accounts.Accounts;
import dev.governor.allocation.Allocation;
import dev.governor.allocation.AllocationService;
import dev.governor.allocation.Allocator;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.auth.Users;
import dev.governor.core.Json;
import dev.governor.reference.CatalogService;
import dev.governor.reference.Product;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AllocationBenchmark measures single-SKU allocations in process on one thread: the real service
 * (validation, the shipped allocation tables through Drools, the split, findings, and recording in
 * SQLite with the audit trail) beside the split's arithmetic alone on the same figures as the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 7, time = 2)
public class AllocationBenchmark {

    private Path folder;
    private Database database;
    private AllocationService service;
    private User planner;
    private final List<JsonNode> requests = new ArrayList<>();
    private final List<List<Allocator.Need>> needs = new ArrayList<>();
    private final List<Long> available = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        folder = Files.createTempDirectory("governor-bench");
        database = Database.open(folder.resolve("bench.db"));
        CatalogService catalogs = new CatalogService(database);
        catalogs.seedIfEmpty(Path.of("samples/reference"));
        Rulesets rulesets = new Rulesets(new RulesetCompiler().compile(RulesetFiles.fromDirectory(Path.of("."))));
        Clock clock = Clock.systemUTC();
        AuditTrail audit = new AuditTrail(database, clock);
        service = new AllocationService(database, catalogs, rulesets, new Submissions(database, new Routes(database),
                audit), clock);
        planner = new Accounts(database, new Users(database, clock), audit, clock).create(null, "bench-operations",
                Set.of(Role.OPERATIONS), null).user();
        int i = 0;
        for (Product product : catalogs.current().products()) {
            long units = 300 + (i * 137L) % 1_500;
            int amazon = 100 + (i * 31) % 200;
            int dtc = 60 + (i * 17) % 150;
            int committed = (i % 3) * 100;
            requests.add(Json.MAPPER.readTree("""
                    {"sku": "%s", "horizonWeeks": 4, "available": %d, "channels": [
                      {"channel": "amazon-us", "weeklyForecast": %d, "onHand": %d},
                      {"channel": "amazon-us-fbm", "weeklyForecast": 20},
                      {"channel": "dtc-webstore", "weeklyForecast": %d},
                      {"channel": "wholesale", "weeklyForecast": 0, "committed": %d}]}
                    """.formatted(product.sku(), units, amazon, i % 50, dtc, committed)));
            available.add(units);
            needs.add(List.of(
                    need("amazon-us", 1, i % 50, 0, amazon * 4L, amazon * 2L, 50, 70),
                    need("amazon-us-fbm", 3, 0, 0, 80, 10, 10, 30),
                    need("dtc-webstore", 2, 0, 0, dtc * 4L, dtc, 40, 70),
                    need("wholesale", 4, 0, committed, 0, 0, 10, 25)));
            i++;
        }
    }

    private static Allocator.Need need(String channel, int tier, long onHand, long committed, long demand, long floor,
                                       int weight, int share) {
        return new Allocator.Need(channel, tier, onHand, committed, demand, floor, BigDecimal.valueOf(weight),
                BigDecimal.valueOf(share));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public Allocation governorAllocateAndRecord() {
        return service.allocate(planner, requests.get(next++ % requests.size()));
    }

    /** The floor: the split's arithmetic alone, on figures like the requests' (no tables, no recording). */
    @Benchmark
    public Allocator.Split splitArithmeticOnly() {
        int i = next++ % needs.size();
        return Allocator.split(available.get(i), needs.get(i));
    }
}
