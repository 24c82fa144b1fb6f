package dev.governor.budget;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** BudgetDao keeps budget shift requests. */
interface BudgetDao {

    /** NewShift is a budget shift as it is first written. */
    record NewShift(String week, String fromLine, String toLine, String fromEngine, String toEngine, long amountCents,
                    String marginalRoas, String evidenceKind, String note, String status, String verdict,
                    String request, String findings, String lines, String contentHash, String rulesetVersion,
                    long routeId, long requestedBy, java.time.Instant createdAt) {
    }

    String INSERT = """
            insert into budget_shifts (week, from_line, to_line, from_engine, to_engine, amount_cents, marginal_roas,
                                       evidence_kind, note, status, verdict, request, findings, lines, content_hash,
                                       ruleset_version, route_id, requested_by, created_at)
            values (:week, :fromLine, :toLine, :fromEngine, :toEngine, :amountCents, :marginalRoas, :evidenceKind,
                    :note, :status, :verdict, :request, :findings, :lines, :contentHash, :rulesetVersion, :routeId,
                    :requestedBy, :createdAt)
            """;

    @SqlUpdate(INSERT)
    @GetGeneratedKeys("id")
    long insert(@BindMethods NewShift shift);

    String COLUMNS = """
            select s.id, s.week, s.from_line, s.to_line, s.from_engine, s.to_engine, s.amount_cents, s.marginal_roas,
                   s.evidence_kind, s.status, s.verdict, s.request, s.findings, s.lines, s.content_hash, s.ruleset_version,
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

    /** Behind is a shift behind a line's figures, seen from that line: in or out, the other line, its rank (1: latest). */
    record Behind(long id, String line, String direction, String otherLine, long amountCents, String status, int rank,
                  int total) {
    }

    String COUNTED = """
            select id, from_line as line, 'out' as direction, to_line as other_line, amount_cents, status
              from budget_shifts where week = :week and status in ('APPROVED', 'PENDING_APPROVAL')
            union all
            select id, to_line, 'in', from_line, amount_cents, status
              from budget_shifts where week = :week and status in ('APPROVED', 'PENDING_APPROVAL')
            """;

    /** The latest {@code limit} shifts behind each line in a week, with how many there are in all. */
    @SqlQuery("select * from (select id, line, direction, other_line, amount_cents, status, "
            + "row_number() over (partition by line order by id desc) as rank, count(*) over (partition by line) as total "
            + "from (" + COUNTED + ")) where rank <= :limit order by line, id")
    @RegisterConstructorMapper(Behind.class)
    List<Behind> behind(@Bind("week") String week, @Bind("limit") int limit);

    /** WeekTotals are a week's shift counts and approved amounts, across engines as recorded at submission. */
    record WeekTotals(int approved, int pending, long movedCents, long acrossCents) {
    }

    @SqlQuery("""
            select coalesce(sum(status = 'APPROVED'), 0) as approved, coalesce(sum(status = 'PENDING_APPROVAL'), 0) as pending,
                   coalesce(sum(case when status = 'APPROVED' then amount_cents end), 0) as moved_cents,
                   coalesce(sum(case when status = 'APPROVED' and from_engine <> to_engine then amount_cents end), 0)
                       as across_cents
            from budget_shifts where week = :week and status in ('APPROVED', 'PENDING_APPROVAL')
            """)
    @RegisterConstructorMapper(WeekTotals.class)
    WeekTotals totals(@Bind("week") String week);

    /** Approved or pending shifts of a week from or to a line not among {@code lines}. */
    @SqlQuery("""
            select id, from_line, to_line, amount_cents, status from budget_shifts
            where week = :week and status in ('APPROVED', 'PENDING_APPROVAL')
              and (from_line not in (<lines>) or to_line not in (<lines>)) order by id
            """)
    @RegisterConstructorMapper(Moved.class)
    List<Moved> outside(@Bind("week") String week, @org.jdbi.v3.sqlobject.customizer.BindList(value = "lines",
            onEmpty = org.jdbi.v3.sqlobject.customizer.BindList.EmptyHandling.NULL_STRING) java.util.Collection<String> lines);

    /**
     * LineSums is what recorded shifts did to one line in a week, in cents: approved in and out, out and in
     * while waiting, in without evidence (approved or waiting), and the sales the shifts in (approved or
     * waiting) are expected to bring, amount × marginal ROAS, as exact decimal text.
     */
    record LineSums(String line, long movedIn, long movedOut, long heldOut, long heldIn, long unevidencedIn,
                    String salesIn) {
    }

    /** The flex ledger of a week, one row per line a shift touched. */
    @SqlQuery("""
            select line, moved_in_cents as moved_in, moved_out_cents as moved_out, held_out_cents as held_out,
                   held_in_cents as held_in, unevidenced_in_cents as unevidenced_in, sales_in
            from budget_flex where week = :week
            """)
    @RegisterConstructorMapper(LineSums.class)
    List<LineSums> ledger(@Bind("week") String week);

    /** Booking is what one status change of a shift adds to (or, negative, takes from) one line's ledger row. */
    record Booking(long in, long out, long heldOut, long heldIn, long unevidencedIn, java.math.BigDecimal salesIn) {

        static final Booking NONE = new Booking(0, 0, 0, 0, 0, java.math.BigDecimal.ZERO);

        Booking plus(Booking other) {
            return new Booking(in + other.in, out + other.out, heldOut + other.heldOut, heldIn + other.heldIn,
                    unevidencedIn + other.unevidencedIn, salesIn.add(other.salesIn));
        }
    }

    /** Adds a booking to a line's ledger row for a week. */
    default void book(String week, String line, Booking booking) {
        // not an upsert: SQLite checks the row to insert (negative when taking) before it sees the conflict
        openLedger(week, line);
        addToLedger(week, line, booking.in(), booking.out(), booking.heldOut(), booking.heldIn(),
                booking.unevidencedIn());
        if (booking.salesIn().signum() != 0) {
            // exact decimals: SQLite would add them as doubles
            setSalesIn(week, line, new java.math.BigDecimal(salesIn(week, line)).add(booking.salesIn())
                    .stripTrailingZeros().toPlainString());
        }
    }

    @SqlUpdate("insert or ignore into budget_flex (week, line) values (:week, :line)")
    void openLedger(@Bind("week") String week, @Bind("line") String line);

    @SqlUpdate("""
            update budget_flex set moved_in_cents = moved_in_cents + :in, moved_out_cents = moved_out_cents + :out,
                                   held_out_cents = held_out_cents + :held, held_in_cents = held_in_cents + :heldIn,
                                   unevidenced_in_cents = unevidenced_in_cents + :unevidencedIn
            where week = :week and line = :line
            """)
    void addToLedger(@Bind("week") String week, @Bind("line") String line, @Bind("in") long in, @Bind("out") long out,
                     @Bind("held") long held, @Bind("heldIn") long heldIn, @Bind("unevidencedIn") long unevidencedIn);

    @SqlQuery("select sales_in from budget_flex where week = :week and line = :line")
    String salesIn(@Bind("week") String week, @Bind("line") String line);

    @SqlUpdate("update budget_flex set sales_in = :sales where week = :week and line = :line")
    void setSalesIn(@Bind("week") String week, @Bind("line") String line, @Bind("sales") String sales);

    /** LedgerRow is one line's ledger row for a week beside what the shifts recorded add up to, in cents. */
    record LedgerRow(String week, String line, long ledgerIn, long ledgerOut, long ledgerHeld, long ledgerHeldIn,
                     long ledgerUnevidenced, long shiftsIn, long shiftsOut, long shiftsHeld, long shiftsHeldIn,
                     long shiftsUnevidenced) {
    }

    /** Ledger rows whose cents disagree with the shifts recorded (a missing row counts as zeros). */
    @SqlQuery("""
            with sums as (
                select week, line, sum(moved_in) as moved_in, sum(moved_out) as moved_out, sum(held_out) as held_out,
                       sum(held_in) as held_in, sum(unevidenced) as unevidenced
                from (select week, to_line as line, amount_cents as moved_in, 0 as moved_out, 0 as held_out,
                             0 as held_in, 0 as unevidenced
                        from budget_shifts where status = 'APPROVED'
                      union all
                      select week, from_line, 0, amount_cents, 0, 0, 0 from budget_shifts where status = 'APPROVED'
                      union all
                      select week, from_line, 0, 0, amount_cents, 0, 0 from budget_shifts where status = 'PENDING_APPROVAL'
                      union all
                      select week, to_line, 0, 0, 0, amount_cents, 0 from budget_shifts where status = 'PENDING_APPROVAL'
                      union all
                      select week, to_line, 0, 0, 0, 0, amount_cents from budget_shifts
                       where status in ('APPROVED', 'PENDING_APPROVAL') and evidence_kind is null)
                group by week, line),
            keys as (select week, line from sums union select week, line from budget_flex)
            select k.week, k.line, coalesce(f.moved_in_cents, 0) as ledger_in, coalesce(f.moved_out_cents, 0) as ledger_out,
                   coalesce(f.held_out_cents, 0) as ledger_held, coalesce(f.held_in_cents, 0) as ledger_held_in,
                   coalesce(f.unevidenced_in_cents, 0) as ledger_unevidenced, coalesce(s.moved_in, 0) as shifts_in,
                   coalesce(s.moved_out, 0) as shifts_out, coalesce(s.held_out, 0) as shifts_held,
                   coalesce(s.held_in, 0) as shifts_held_in, coalesce(s.unevidenced, 0) as shifts_unevidenced
            from keys k left join budget_flex f on f.week = k.week and f.line = k.line
                        left join sums s on s.week = k.week and s.line = k.line
            where coalesce(f.moved_in_cents, 0) <> coalesce(s.moved_in, 0)
               or coalesce(f.moved_out_cents, 0) <> coalesce(s.moved_out, 0)
               or coalesce(f.held_out_cents, 0) <> coalesce(s.held_out, 0)
               or coalesce(f.held_in_cents, 0) <> coalesce(s.held_in, 0)
               or coalesce(f.unevidenced_in_cents, 0) <> coalesce(s.unevidenced, 0)
            order by k.week, k.line limit 1
            """)
    @RegisterConstructorMapper(LedgerRow.class)
    Optional<LedgerRow> ledgerDisagreement();

    /** Incoming is one approved or pending shift into a line, for checking the ledger's sales figure. */
    record Incoming(String week, String line, long amountCents, String marginalRoas) {
    }

    @SqlQuery("""
            select week, to_line as line, amount_cents, marginal_roas from budget_shifts
            where status in ('APPROVED', 'PENDING_APPROVAL') order by week, to_line
            """)
    @RegisterConstructorMapper(Incoming.class)
    List<Incoming> incoming();

    /** Every ledger row's sales figure, by week and line. */
    record LedgerSales(String week, String line, String salesIn) {
    }

    @SqlQuery("select week, line, sales_in from budget_flex order by week, line")
    @RegisterConstructorMapper(LedgerSales.class)
    List<LedgerSales> ledgerSales();

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
