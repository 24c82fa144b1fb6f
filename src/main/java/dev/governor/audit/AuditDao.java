package dev.governor.audit;

import dev.governor.store.WriterJdbc;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** AuditDao appends audit events and reads them back; there is no update and no delete. */
interface AuditDao {

    String COLUMNS = """
            seq, at, event, subject_type, subject_id, actor_id, actor, role, comment, ruleset_version, detail,
            prev_hash, hash
            """;

    @SqlQuery("select " + COLUMNS + " from audit_events order by seq desc limit 1")
    @RegisterConstructorMapper(AuditRow.class)
    Optional<AuditRow> last();

    String INSERT = "insert into audit_events (" + COLUMNS + """
            ) values (:seq, :at, :event, :subjectType, :subjectId, :actorId, :actor, :role, :comment,
                      :rulesetVersion, :detail, :prevHash, :hash)
            """;

    @SqlQuery("select " + COLUMNS + " from audit_events where subject_type = :type and subject_id = :id order by seq")
    @RegisterConstructorMapper(AuditRow.class)
    List<AuditRow> ofSubject(@Bind("type") String subjectType, @Bind("id") long subjectId);

    @SqlQuery("select " + COLUMNS + " from audit_events where seq > :after order by seq limit :limit")
    @RegisterConstructorMapper(AuditRow.class)
    List<AuditRow> page(@Bind("after") long after, @Bind("limit") int limit);

    /** Inside a write, on the writer's hot path ({@link WriterJdbc}): appends events, in one batch. */
    static void insert(Handle handle, List<AuditRow> rows) {
        WriterJdbc.batch(handle, INSERT, rows, (insert, row) -> insert.set("seq", row.seq()).set("at", row.at())
                .set("event", row.event()).set("subjectType", row.subjectType()).set("subjectId", row.subjectId())
                .set("actorId", row.actorId()).set("actor", row.actor()).set("role", row.role())
                .set("comment", row.comment()).set("rulesetVersion", row.rulesetVersion()).set("detail", row.detail())
                .set("prevHash", row.prevHash()).set("hash", row.hash()));
    }
}
