package dev.governor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database written by an earlier Governor is migrated in place: the approval-request table rebuilt
 * for allocations keeps every request, its id sequence and its sign-offs.
 */
class MigrationTest {

    @TempDir
    Path folder;

    @Test
    void approvalRequestsSurviveTheRebuildForAllocations() throws Exception {
        Path file = folder.resolve("old.db");
        String url = "jdbc:sqlite:" + file;
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("4").load().migrate();
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("pragma foreign_keys = on");
            sql.execute("insert into users (id, name, created_at) values (1, 'gia', 'x'), (2, 'dev', 'x')");
            sql.execute("insert into routes (id, hash, definition) values (1, 'h', '{}')");
            sql.execute("""
                    insert into approval_requests (id, subject_type, subject_id, decision_type, status, sign_offs_required,
                        content_hash, route_id, requested_by, created_at, expires_at)
                    values (7, 'RULESET', 3, 'RULESET_ACTIVATION', 'APPROVED', 1, 'c', 1, 2, 'a', 'b')""");
            sql.execute("""
                    insert into sign_offs (request_id, user_id, role, recheck, ruleset_version, signed_at)
                    values (7, 1, 'gm', '{}', 'v', 'now')""");
        }
        try (Database database = Database.open(file)) {
            long requests = database.read(handle -> handle.createQuery(
                    "select count(*) from approval_requests a join sign_offs s on s.request_id = a.id where a.id = 7")
                    .mapTo(Long.class).one());
            assertThat(requests).isEqualTo(1);
            long next = database.write(handle -> handle.createUpdate("""
                    insert into approval_requests (subject_type, subject_id, decision_type, status, sign_offs_required,
                        content_hash, route_id, requested_by, created_at, expires_at)
                    values ('ALLOCATION', 1, 'SUPPLY_ALLOCATION', 'PENDING', 1, 'c', 1, 2, 'a', 'b')""")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            assertThat(next).isEqualTo(8);
            int foreignKeys = database.read(handle -> handle.createQuery("pragma foreign_keys").mapTo(Integer.class).one());
            assertThat(foreignKeys).isEqualTo(1);
            long orphans = database.read(handle -> handle.createQuery("select count(*) from pragma_foreign_key_check")
                    .mapTo(Long.class).one());
            assertThat(orphans).isZero();
        }
    }

    /** Shifts recorded before the ledger kept what comes in fill its new columns, exactly, so verification holds. */
    @Test
    void theBudgetLedgerLearnsWhatCameIntoEachLineFromTheShiftsAlreadyRecorded() throws Exception {
        Path file = folder.resolve("budget.db");
        String url = "jdbc:sqlite:" + file;
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("9").load().migrate();
        try (Connection connection = DriverManager.getConnection(url); Statement sql = connection.createStatement()) {
            sql.execute("insert into users (id, name, created_at) values (1, 'lead', 'x')");
            sql.execute("insert into routes (id, hash, definition) values (1, 'h', '{}')");
            String insert = """
                    insert into budget_shifts (week, from_line, to_line, from_engine, to_engine, amount_cents,
                        marginal_roas, evidence_kind, status, verdict, request, findings, lines, content_hash,
                        ruleset_version, route_id, requested_by, created_at)
                    values ('2026-W49', 'google-shopping', 'amazon-sb', 'DTC', 'MARKETPLACE', %d, '%s', %s, '%s', '%s',
                            '{}', '[]', '{}', 'c', 'v', 1, 1, 'now')""";
            sql.execute(insert.formatted(606000, "3.3333", "null", "APPROVED", "APPROVED"));
            sql.execute(insert.formatted(100, "3.1", "'geo'", "PENDING_APPROVAL", "PENDING_APPROVAL"));
            sql.execute(insert.formatted(999900, "9", "null", "REJECTED", "REJECTED"));
        }
        try (Database database = Database.open(file)) {
            var row = database.read(handle -> handle.createQuery("select held_in_cents, unevidenced_in_cents, sales_in "
                    + "from budget_flex where week = '2026-W49' and line = 'amazon-sb'").mapToMap().one());
            assertThat(row).containsEntry("held_in_cents", 100).containsEntry("unevidenced_in_cents", 606000)
                    .containsEntry("sales_in", "20202.898");
        }
    }
}
