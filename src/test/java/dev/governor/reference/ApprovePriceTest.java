package dev.governor.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.store.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The effect of an approved price inside the writer's transaction, on a real SQLite file with the
 * shipped sample catalog: due now, it is current at once and recorded applied; for a later date it
 * waits; for a SKU no longer in the catalog it waits without touching the current prices; a later
 * approval for the same SKU, channel and date supersedes the one waiting.
 */
class ApprovePriceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");

    @TempDir
    Path folder;

    @Test
    void aPriceDueNowIsCurrentAtOnceAndRecordedApplied() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            CatalogService catalogs = seeded(database);
            boolean current = approve(database, catalogs, 1, "TEA-001", "21.49", LocalDate.parse("2026-12-01"));
            assertThat(current).isTrue();
            assertThat(currentPrice(database, "TEA-001")).isEqualTo("21.49");
            assertThat(row(database, 1)).containsEntry("applied_at", Database.text(NOW)).containsEntry("superseded_by", null);
        }
    }

    @Test
    void aPriceForALaterDateWaitsAndALaterApprovalForTheSameDateSupersedesIt() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            CatalogService catalogs = seeded(database);
            String before = currentPrice(database, "TEA-001");
            assertThat(approve(database, catalogs, 1, "TEA-001", "21.49", LocalDate.parse("2027-01-15"))).isFalse();
            assertThat(approve(database, catalogs, 2, "TEA-001", "21.99", LocalDate.parse("2027-01-15"))).isFalse();
            assertThat(currentPrice(database, "TEA-001")).isEqualTo(before);
            assertThat(row(database, 1)).containsEntry("applied_at", null).containsEntry("superseded_by", "2");
            assertThat(row(database, 2)).containsEntry("applied_at", null).containsEntry("superseded_by", null);
        }
    }

    @Test
    void aPriceDueNowForASkuNoLongerInTheCatalogWaitsAndLeavesTheCurrentPricesAlone() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            CatalogService catalogs = seeded(database);
            int pricesBefore = currentPriceCount(database);
            assertThat(approve(database, catalogs, 1, "GONE-001", "9.99", LocalDate.parse("2026-12-01"))).isFalse();
            assertThat(row(database, 1)).containsEntry("applied_at", null);
            int pricesAfter = currentPriceCount(database);
            assertThat(pricesAfter).isEqualTo(pricesBefore);
        }
    }

    private static CatalogService seeded(Database database) {
        CatalogService catalogs = new CatalogService(database);
        catalogs.seedIfEmpty(Path.of("samples/reference"));
        database.write(handle -> handle.execute("insert into users (name, created_at) values ('lead', '2026-12-01')"));
        return catalogs;
    }

    /** Records proposal {@code id} (the row the scheduled price refers to) and approves its price in one write. */
    private static boolean approve(Database database, CatalogService catalogs, long id, String sku, String price,
                                   LocalDate effectiveFrom) {
        return database.write(handle -> {
            handle.execute("""
                    insert into proposals (id, kind, status, verdict, channel, engine, sku, effective_from, request,
                                           evaluation, ruleset_version, requested_by, created_at)
                    values (?, 'PRICE', 'APPROVED', 'APPROVED', 'amazon-us', 'MARKETPLACE', ?, ?, '{}', '{}', 'test',
                            (select id from users where name = 'lead'), '2026-12-01')
                    """, id, sku, effectiveFrom.toString());
            return catalogs.approvePrice(handle, new ScheduledPrice(id, sku, "amazon-us", new BigDecimal(price),
                    effectiveFrom, NOW), NOW);
        });
    }

    private static String currentPrice(Database database, String sku) {
        return database.read(handle -> handle.createQuery(
                "select price from current_prices where sku = ? and channel = 'amazon-us'").bind(0, sku)
                .mapTo(String.class).one());
    }

    private static int currentPriceCount(Database database) {
        return database.read(handle -> handle.createQuery("select count(*) from current_prices").mapTo(Integer.class).one());
    }

    private static Map<String, Object> row(Database database, long proposalId) {
        return database.read(handle -> handle.createQuery(
                "select applied_at, cast(superseded_by as text) as superseded_by from scheduled_prices where proposal_id = ?").bind(0, proposalId)
                .mapToMap().one());
    }
}
