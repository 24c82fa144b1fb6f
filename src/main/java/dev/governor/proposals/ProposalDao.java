package dev.governor.proposals;

import dev.governor.store.WriterJdbc;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** ProposalDao appends proposals and reads them back. */
interface ProposalDao {

    String INSERT = """
            insert into proposals (kind, status, verdict, channel, engine, sku, category, effective_from, start_date,
                                   end_date, discount_percent, request, evaluation, ruleset_version, requested_by,
                                   created_at, route_id)
            values (:kind, :status, :verdict, :channel, :engine, :sku, :category, :effectiveFrom, :start, :end,
                    :discountPercent, :request, :evaluation, :rulesetVersion, :requestedBy, :createdAt, :routeId)
            """;

    String INSERT_SKU = "insert into proposal_skus (proposal_id, sku) values (:id, :sku)";

    @SqlQuery("""
            select id, kind, request, verdict, created_at from proposals
            where created_at >= :from and created_at < :to order by id
            """)
    @RegisterConstructorMapper(Recorded.class)
    List<Recorded> between(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlQuery("select id, kind, request, verdict, created_at from proposals order by id desc limit :n")
    @RegisterConstructorMapper(Recorded.class)
    List<Recorded> last(@Bind("n") int n);

    /** Recorded is what a replay needs of a proposal: what was asked and what was answered. */
    record Recorded(long id, String kind, String request, String verdict, Instant createdAt) {
    }

    @SqlUpdate("update proposals set status = :to where id = :id and status = :from")
    int updateStatus(@Bind("id") long id, @Bind("from") String from, @Bind("to") String to);

    /** The columns a proposal's content hash covers, exactly as stored. */
    String CONTENT = """
            id, kind, channel, engine, sku, category, effective_from, start_date, end_date, discount_percent, request,
            evaluation, ruleset_version, requested_by, created_at, route_id
            """;

    @SqlQuery("select " + CONTENT + ", status from proposals where id > :after order by id limit :limit")
    @RegisterConstructorMapper(StoredContent.class)
    List<StoredContent> contents(@Bind("after") long after, @Bind("limit") int limit);


    String COLUMNS = """
            p.id, p.kind, p.status, p.verdict, p.channel, p.engine, p.sku, p.category, p.request, p.evaluation,
            p.ruleset_version, u.name as requested_by, p.created_at
            """;

    @SqlQuery("select " + COLUMNS + " from proposals p join users u on u.id = p.requested_by where p.id = :id")
    @RegisterConstructorMapper(ProposalRow.class)
    Optional<ProposalRow> findAny(@Bind("id") long id);

    @SqlQuery("select " + COLUMNS + " from proposals p join users u on u.id = p.requested_by where p.id = :id")
    @RegisterConstructorMapper(ProposalRow.class)
    Optional<ProposalRow> find(@Bind("id") long id);

    @SqlQuery("select sku from proposal_skus where proposal_id = :id order by sku")
    List<String> skus(@Bind("id") long id);

    String FILTER = """
            from proposals p join users u on u.id = p.requested_by
            where p.kind = :kind
              and (:status is null or p.status = :status)
              and (:channel is null or p.channel = :channel)
              and (:sku is null or exists (select 1 from proposal_skus s where s.proposal_id = p.id and s.sku = :sku))
              and (:from is null or p.created_at >= :from)
              and (:to is null or p.created_at < :to)
            """;

    @SqlQuery("select " + COLUMNS + FILTER + " order by p.id desc limit :limit offset :offset")
    @RegisterConstructorMapper(ProposalRow.class)
    List<ProposalRow> list(@Bind("kind") String kind, @Bind("status") String status, @Bind("channel") String channel,
                           @Bind("sku") String sku, @Bind("from") Instant from, @Bind("to") Instant to,
                           @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) " + FILTER)
    long count(@Bind("kind") String kind, @Bind("status") String status, @Bind("channel") String channel,
               @Bind("sku") String sku, @Bind("from") Instant from, @Bind("to") Instant to);

    @SqlQuery("""
            select p.id as proposal_id, s.sku, p.channel, p.engine, p.discount_percent, p.start_date, p.end_date
            from proposals p join proposal_skus s on s.proposal_id = p.id
            where p.kind = 'PROMO' and p.status = 'APPROVED' and s.sku in (<skus>)
              and p.start_date <= :to and p.end_date >= :from
            order by p.id
            """)
    @RegisterConstructorMapper(ApprovedPromo.class)
    List<ApprovedPromo> approvedPromos(@BindList("skus") Collection<String> skus, @Bind("from") LocalDate from,
                                       @Bind("to") LocalDate to);

    /** For each proposal: the content hash its submission recorded and the status its last event set. */
    @SqlQuery("""
            select p.id,
                   (select e.seq from audit_events e where e.subject_type = 'PROPOSAL' and e.subject_id = p.id
                      and e.event = 'submitted') as submitted_seq,
                   (select json_extract(e.detail, '$.contentHash') from audit_events e
                     where e.subject_type = 'PROPOSAL' and e.subject_id = p.id and e.event = 'submitted') as content_hash,
                   (select json_extract(e.detail, '$.status') from audit_events e
                     where e.subject_type = 'PROPOSAL' and e.subject_id = p.id
                       and json_extract(e.detail, '$.status') is not null order by e.seq desc limit 1) as status,
                   (select a.status from approval_requests a
                     where a.subject_type = 'PROPOSAL' and a.subject_id = p.id) as request_status
            from proposals p where p.id > :after order by p.id limit :limit
            """)
    @RegisterConstructorMapper(RecordedState.class)
    List<RecordedState> recordedStates(@Bind("after") long after, @Bind("limit") int limit);

    /** Inside a write, on the writer's hot path ({@link WriterJdbc}): writes a proposal; answers its id. */
    static long insert(Handle handle, ProposalLog.Serialized serialized, String status, String verdict, long routeId) {
        NewProposal proposal = serialized.proposal();
        return WriterJdbc.queryLong(handle, INSERT + " returning id", insert -> insert
                .set("kind", proposal.kind().name()).set("status", status).set("verdict", verdict)
                .set("channel", proposal.channel()).set("engine", proposal.engine()).set("sku", proposal.sku())
                .set("category", proposal.category()).set("effectiveFrom", proposal.effectiveFrom())
                .set("start", proposal.start()).set("end", proposal.end())
                .set("discountPercent", proposal.discountPercent()).set("request", serialized.request())
                .set("evaluation", serialized.evaluation()).set("rulesetVersion", proposal.evaluation().rulesetVersion())
                .set("requestedBy", serialized.user().id()).set("createdAt", serialized.createdAt())
                .set("routeId", routeId));
    }

    /** Inside a write, on the writer's hot path: the SKUs a proposal is searched by. */
    static void insertSkus(Handle handle, long id, List<String> skus) {
        WriterJdbc.batch(handle, INSERT_SKU, skus, (insert, sku) -> insert.set("id", id).set("sku", sku));
    }
}
