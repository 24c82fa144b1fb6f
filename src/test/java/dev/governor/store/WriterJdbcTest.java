package dev.governor.store;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plain JDBC statements on the writer's hot path, on a real SQLite file: values are stored in the
 * same text forms as through Jdbi, and a statement with a missing or unknown parameter stores nothing.
 */
class WriterJdbcTest {

    private static final String INSERT = """
            insert into scheduled_prices (proposal_id, sku, channel, price, effective_from, approved_at, applied_at)
            values (:proposalId, :sku, :channel, :price, :effectiveFrom, :approvedAt, :appliedAt)
            returning proposal_id
            """;
    private static final String JDBI_INSERT = INSERT.replace("returning proposal_id", "");

    @TempDir
    Path folder;

    @Test
    void storesMoneyDatesAndInstantsInTheSameTextAsJdbi() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            long proposal = proposal(database);
            long other = proposal(database);
            Instant approved = Instant.parse("2026-12-01T09:30:00.5Z");
            long plain = database.write(handle -> WriterJdbc.queryLong(handle, INSERT, insert -> insert
                    .set("proposalId", proposal).set("sku", "TEA-001").set("channel", "amazon-us")
                    .set("price", new BigDecimal("21.990")).set("effectiveFrom", LocalDate.of(2026, 12, 1))
                    .set("approvedAt", approved).set("appliedAt", null)));
            database.write(handle -> handle.createUpdate(JDBI_INSERT).bind("proposalId", other).bind("sku", "TEA-001")
                    .bind("channel", "amazon-us").bind("price", new BigDecimal("21.990"))
                    .bind("effectiveFrom", LocalDate.of(2026, 12, 1)).bind("approvedAt", approved)
                    .bind("appliedAt", (Instant) null).execute());
            List<Map<String, Object>> rows = database.read(handle -> handle.createQuery("""
                    select proposal_id, price, effective_from, approved_at, applied_at, typeof(proposal_id) as id_type
                    from scheduled_prices order by proposal_id""").mapToMap().list());
            assertThat(plain).isEqualTo(proposal);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("proposal_id")).isEqualTo((int) proposal);
            assertThat(rows.get(0)).containsEntry("price", "21.990").containsEntry("effective_from", "2026-12-01")
                    .containsEntry("approved_at", "2026-12-01T09:30:00.500000Z").containsEntry("id_type", "integer");
            assertThat(rows.get(0).get("applied_at")).isNull();
            rows.get(0).remove("proposal_id");
            rows.get(1).remove("proposal_id");
            assertThat(rows.get(0)).isEqualTo(rows.get(1));
        }
    }

    @Test
    void aNameUsedTwiceIsOneParameter() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            long same = database.write(handle -> WriterJdbc.queryLong(handle, "select :n * :n + :m",
                    select -> select.set("n", 7L).set("m", 1)));
            assertThat(same).isEqualTo(50);
        }
    }

    @Test
    void aParameterLeftUnsetIsRefusedAndNothingIsStored() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            long proposal = proposal(database);
            assertThatThrownBy(() -> database.write(handle -> WriterJdbc.queryLong(handle, INSERT, insert -> insert
                    .set("proposalId", proposal).set("sku", "TEA-001").set("channel", "amazon-us")
                    .set("price", BigDecimal.ONE).set("effectiveFrom", LocalDate.of(2026, 12, 1)))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[:approvedAt, :appliedAt] are not set");
            assertThatThrownBy(() -> database.write(handle -> WriterJdbc.update(handle, "delete from users where id = :id",
                    delete -> delete.set("name", "x"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no parameter :name");
            int rows = database.read(handle -> handle.createQuery("select count(*) from scheduled_prices")
                    .mapTo(Integer.class).one());
            assertThat(rows).isZero();
        }
    }

    @Test
    void aBatchWritesEveryRowAndTheKeptStatementServesTheNextWrite() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            String insert = "insert into users (name, created_at) values (:name, :at)";
            for (int round = 0; round < 3; round++) {
                List<String> names = List.of("a" + round, "b" + round, "c" + round);
                database.write(handle -> {
                    WriterJdbc.batch(handle, insert, names, (row, name) -> row.set("name", name)
                            .set("at", Instant.parse("2026-12-01T00:00:00Z")));
                    return null;
                });
            }
            List<String> names = database.read(handle -> handle.createQuery("select name from users order by id")
                    .mapTo(String.class).list());
            assertThat(names).containsExactly("a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2");
        }
    }

    @Test
    void aFailingStatementFailsItsWriteWithTheDatabaseError() {
        try (Database database = Database.open(folder.resolve("g.db"))) {
            // no proposal 999: the foreign key refuses the row
            assertThatThrownBy(() -> database.write(handle -> WriterJdbc.queryLong(handle, INSERT, insert -> insert
                    .set("proposalId", 999L).set("sku", "TEA-001").set("channel", "amazon-us")
                    .set("price", BigDecimal.ONE).set("effectiveFrom", LocalDate.of(2026, 12, 1))
                    .set("approvedAt", Instant.EPOCH).set("appliedAt", null))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("FOREIGN KEY");
        }
    }

    /** A stored proposal for scheduled prices to point at. */
    private static long proposal(Database database) {
        return database.write(handle -> {
            long user = handle.createUpdate("insert into users (name, created_at) values (:name, '2026-12-01')")
                    .bind("name", "lead-" + System.nanoTime())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return handle.createUpdate("""
                    insert into proposals (kind, status, verdict, channel, engine, sku, request, evaluation,
                                           ruleset_version, requested_by, created_at)
                    values ('PRICE', 'APPROVED', 'APPROVED', 'amazon-us', 'MARKETPLACE', 'TEA-001', '{}', '{}', 'v',
                            :user, '2026-12-01')""").bind("user", user)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }
}
