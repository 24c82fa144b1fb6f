package dev.governor.budget;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** BudgetDao keeps budget shift requests. */
interface BudgetDao {

    String INSERT = """
            insert into budget_shifts (week, from_line, to_line, from_engine, to_engine, amount_cents, marginal_roas,
                                       evidence_kind, note, status, verdict, request, findings, lines, content_hash,
                                       ruleset_version, route_id, requested_by, created_at)
            values (:week, :fromLine, :toLine, :fromEngine, :toEngine, :amountCents, :marginalRoas, :evidenceKind,
                    :note, :status, :verdict, :request, :findings, :lines, :contentHash, :rulesetVersion, :routeId,
                    :requestedBy, :createdAt)
            """;

    String COLUMNS = """
            select s.id, s.week, s.from_line, s.to_line, s.from_engine, s.to_engine, s.amount_cents, s.marginal_roas,
                   s.status, s.verdict, s.request, s.findings, s.lines, s.content_hash, s.ruleset_version,
                   u.name as requested_by, s.created_at,
                   (select r.id from approval_requests r where r.subject_type = 'BUDGET_SHIFT' and r.subject_id = s.id)
                       as approval_request
            from budget_shifts s join users u on u.id = s.requested_by
            """;

    @SqlQuery(COLUMNS + " where s.id = :id")
    @RegisterConstructorMapper(BudgetShiftRow.class)
    Optional<BudgetShiftRow> find(@Bind("id") long id);

    String MATCHES = """
             where (:status is null or s.status = :status)
               and (:week is null or s.week = :week)
               and (:line is null or s.from_line = :line or s.to_line = :line)
            """;

    @SqlQuery(COLUMNS + MATCHES + " order by s.id desc limit :limit offset :offset")
    @RegisterConstructorMapper(BudgetShiftRow.class)
    List<BudgetShiftRow> list(@Bind("status") String status, @Bind("week") String week, @Bind("line") String line,
                              @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) from budget_shifts s" + MATCHES)
    long count(@Bind("status") String status, @Bind("week") String week, @Bind("line") String line);

    /** Moved is a shift that counts in a week's flex: approved, or held while it waits for approval. */
    record Moved(long id, String fromLine, String toLine, long amountCents, String status) {
    }

    @SqlQuery("""
            select id, from_line, to_line, amount_cents, status from budget_shifts
            where week = :week and status in ('APPROVED', 'PENDING_APPROVAL') order by id
            """)
    @RegisterConstructorMapper(Moved.class)
    List<Moved> moved(@Bind("week") String week);

    /** LineSums is what recorded shifts did to one line in a week, in cents. */
    record LineSums(String line, long movedIn, long movedOut, long heldOut) {
    }

    /**
     * Per line, in cents: approved shifts in and out, and shifts out that wait for approval, leaving
     * out shift {@code excluded} (a shift being approved; -1 for none). Summed by SQLite over integers, exactly.
     */
    @SqlQuery("""
            select line, sum(moved_in) as moved_in, sum(moved_out) as moved_out, sum(held_out) as held_out from (
                select to_line as line, amount_cents as moved_in, 0 as moved_out, 0 as held_out from budget_shifts
                 where week = :week and status = 'APPROVED' and id <> :excluded
                union all
                select from_line, 0, amount_cents, 0 from budget_shifts
                 where week = :week and status = 'APPROVED' and id <> :excluded
                union all
                select from_line, 0, 0, amount_cents from budget_shifts
                 where week = :week and status = 'PENDING_APPROVAL' and id <> :excluded)
            group by line
            """)
    @RegisterConstructorMapper(LineSums.class)
    List<LineSums> sums(@Bind("week") String week, @Bind("excluded") long excluded);

    /** RecordedShift is a shift as stored beside what its audit trail says of it. */
    record RecordedShift(long id, String week, String fromLine, String toLine, long amountCents, String marginalRoas,
                         String status, String request, String contentHash, String submittedHash, String lastStatus) {
    }

    @SqlQuery("""
            select s.id, s.week, s.from_line, s.to_line, s.amount_cents, s.marginal_roas, s.status, s.request,
                   s.content_hash,
                   (select json_extract(e.detail, '$.contentHash') from audit_events e
                     where e.subject_type = 'BUDGET_SHIFT' and e.subject_id = s.id and e.event = 'submitted')
                       as submitted_hash,
                   (select json_extract(e.detail, '$.status') from audit_events e
                     where e.subject_type = 'BUDGET_SHIFT' and e.subject_id = s.id
                       and json_extract(e.detail, '$.status') is not null order by e.seq desc limit 1) as last_status
            from budget_shifts s where s.id > :after order by s.id limit :limit
            """)
    @RegisterConstructorMapper(RecordedShift.class)
    List<RecordedShift> recorded(@Bind("after") long after, @Bind("limit") int limit);

    @SqlUpdate("update budget_shifts set status = :to where id = :id and status = 'PENDING_APPROVAL'")
    int changeStatus(@Bind("id") long id, @Bind("to") String to);

}
