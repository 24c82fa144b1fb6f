package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.api.migration.Context;

/**
 * Rebuilds approval_requests so it accepts requests about more kinds of subject. SQLite cannot change a
 * CHECK constraint in place, so the table is rebuilt the way SQLite documents it ("Making Other Kinds
 * Of Table Schema Changes"): foreign keys off, new table, copy, drop, rename, indexes, a foreign key
 * check, commit. PRAGMA foreign_keys is ignored inside a transaction, hence this runs outside one.
 */
final class ApprovalRequestsRebuild {

    private ApprovalRequestsRebuild() {
    }

    /**
     * {@code subjectTypes}: every kind of subject a request may be about; {@code onePerSubject}: the kinds
     * that have at most one request per subject (each gets a unique index).
     */
    static void rebuild(Context context, List<String> subjectTypes, List<String> onePerSubject) throws SQLException {
        Connection connection = context.getConnection();
        boolean autoCommit = connection.getAutoCommit();
        String allowed = subjectTypes.stream().map(type -> "'" + type + "'").collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.execute("pragma foreign_keys = off");
            connection.setAutoCommit(false);
            try {
                statement.execute("""
                        create table approval_requests_new (
                            id                  integer primary key autoincrement,
                            subject_type        text    not null check (subject_type in (%s)),
                            subject_id          integer not null,
                            decision_type       text    not null,
                            channel             text,
                            status              text    not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED')),
                            sign_offs_required  integer not null check (sign_offs_required >= 1),
                            content_hash        text    not null,
                            route_id            integer not null references routes (id),
                            requested_by        integer not null references users (id),
                            activate_at         text,
                            created_at          text    not null,
                            expires_at          text    not null,
                            decided_at          text
                        )""".formatted(allowed));
                statement.execute("insert into approval_requests_new select * from approval_requests");
                statement.execute("drop table approval_requests");
                statement.execute("alter table approval_requests_new rename to approval_requests");
                for (String type : onePerSubject) {
                    statement.execute("create unique index approval_requests_one_per_" + type.toLowerCase()
                            + " on approval_requests (subject_id) where subject_type = '" + type + "'");
                }
                statement.execute("create index approval_requests_by_subject on approval_requests (subject_type, subject_id)");
                statement.execute("create index approval_requests_by_status on approval_requests (status, created_at)");
                try (ResultSet broken = statement.executeQuery("pragma foreign_key_check")) {
                    if (broken.next()) {
                        throw new SQLException("rebuilding approval_requests broke a foreign key in table "
                                + broken.getString(1) + "; nothing was changed");
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
                statement.execute("pragma foreign_keys = on");
            }
        }
    }
}
