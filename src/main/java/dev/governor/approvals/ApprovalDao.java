package dev.governor.approvals;

import dev.governor.store.WriterJdbc;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** ApprovalDao keeps approval requests, their sign-offs and the RACI roles of each proposal. */
interface ApprovalDao {

    @SqlUpdate("insert into routes (hash, definition) values (:hash, :definition)")
    @GetGeneratedKeys("id")
    long insertRoute(@Bind("hash") String hash, @Bind("definition") String definition);

    @SqlUpdate("insert into route_roles (route_id, raci, role) values (:id, :raci, :role)")
    void insertRouteRole(@Bind("id") long routeId, @Bind("raci") String raci, @Bind("role") String role);

    @SqlQuery("select id from routes where hash = :hash")
    Optional<Long> routeId(@Bind("hash") String hash);

    /** NewRequest is an approval request as it is opened: pending, about one subject, along one route. */
    record NewRequest(String subjectType, long subjectId, String decisionType, String channel, int signOffs,
                      String contentHash, long routeId, long requestedBy, Instant activateAt, Instant createdAt,
                      Instant expiresAt) {
    }

    /** Inside a write, on the writer's hot path ({@link WriterJdbc}): opens a request; answers its id. */
    static long insertRequest(Handle handle, NewRequest request) {
        return WriterJdbc.queryLong(handle, INSERT_REQUEST, insert -> insert
                .set("subjectType", request.subjectType()).set("subjectId", request.subjectId())
                .set("routeId", request.routeId()).set("requestedBy", request.requestedBy())
                .set("activateAt", request.activateAt()).set("decisionType", request.decisionType())
                .set("channel", request.channel()).set("signOffs", request.signOffs())
                .set("contentHash", request.contentHash()).set("createdAt", request.createdAt())
                .set("expiresAt", request.expiresAt()));
    }

    String INSERT_REQUEST = """
            insert into approval_requests (subject_type, subject_id, decision_type, channel, status, sign_offs_required,
                                           content_hash, route_id, requested_by, activate_at, created_at, expires_at)
            values (:subjectType, :subjectId, :decisionType, :channel, 'PENDING', :signOffs, :contentHash, :routeId,
                    :requestedBy, :activateAt, :createdAt, :expiresAt)
            returning id
            """;

    String COLUMNS = """
            a.id, a.subject_type, a.subject_id, a.decision_type, a.channel, a.status, a.sign_offs_required,
            a.content_hash, rt.definition as route, a.created_at, a.expires_at, a.decided_at,
            a.requested_by as requested_by_id, a.activate_at
            """;
    String FROM = """
             from approval_requests a join routes rt on rt.id = a.route_id
            """;

    @SqlQuery("select " + COLUMNS + FROM + "where a.id = :id")
    @RegisterConstructorMapper(RequestRow.class)
    Optional<RequestRow> find(@Bind("id") long id);

    @SqlUpdate("update approval_requests set status = :to, decided_at = :at where id = :id and status = 'PENDING'")
    int decide(@Bind("id") long id, @Bind("to") String to, @Bind("at") Instant at);

    @SqlUpdate("""
            insert into sign_offs (request_id, user_id, role, comment, recheck, ruleset_version, signed_at)
            values (:id, :userId, :role, :comment, :recheck, :rulesetVersion, :at)
            """)
    void insertSignOff(@Bind("id") long requestId, @Bind("userId") long userId, @Bind("role") String role,
                       @Bind("comment") String comment, @Bind("recheck") String recheck,
                       @Bind("rulesetVersion") String rulesetVersion, @Bind("at") Instant at);

    @SqlQuery("select count(*) from sign_offs where request_id = :id")
    int signOffCount(@Bind("id") long requestId);

    @SqlQuery("select count(*) from sign_offs where request_id = :id and user_id = :userId")
    int signedBy(@Bind("id") long requestId, @Bind("userId") long userId);

    @SqlQuery("""
            select u.name as user, s.role, s.signed_at as at, s.comment, json_extract(s.recheck, '$.verdict') as verdict,
                   s.ruleset_version
            from sign_offs s join users u on u.id = s.user_id where s.request_id = :id order by s.signed_at, u.name
            """)
    @RegisterConstructorMapper(SignOff.class)
    List<SignOff> signOffs(@Bind("id") long requestId);

    /** Requests the caller may act on: as an Accountable or Consulted role, or as the proposer (or every one, for revenue ops). */
    String QUEUE = FROM + """
            where (:status is null
                   or (case when a.status = 'PENDING' and a.expires_at <= :now then 'EXPIRED' else a.status end) = :status)
              and (:decisionType is null or a.decision_type = :decisionType)
              and (:channel is null or a.channel = :channel)
              and (:everything or a.requested_by = :userId
                   or exists (select 1 from route_roles r where r.route_id = a.route_id
                              and r.raci in ('A', 'C') and r.role in (<roles>)))
            """;

    @SqlQuery("select " + COLUMNS + QUEUE + " order by a.created_at, a.id limit :limit offset :offset")
    @RegisterConstructorMapper(RequestRow.class)
    List<RequestRow> queue(@Bind("status") String status, @Bind("now") Instant now,
                           @Bind("decisionType") String decisionType, @Bind("channel") String channel,
                           @Bind("userId") long userId, @BindList("roles") Collection<String> roles,
                           @Bind("everything") boolean everything, @Bind("limit") int limit,
                           @Bind("offset") int offset);

    @SqlQuery("select count(*) " + QUEUE)
    long queueCount(@Bind("status") String status, @Bind("now") Instant now,
                    @Bind("decisionType") String decisionType, @Bind("channel") String channel,
                    @Bind("userId") long userId, @BindList("roles") Collection<String> roles,
                    @Bind("everything") boolean everything);

    @SqlQuery("select id from approval_requests where status = 'PENDING' and expires_at <= :now order by id")
    List<Long> due(@Bind("now") Instant now);

    /**
     * Outcome events the caller is told of, newest first: on proposals, allocations and budget shifts where they hold a
     * RACI role or asked for it, on ruleset activations they are routed on, and every activation of a version.
     */
    String FEED = """
            from audit_events e left join proposals p on e.subject_type = 'PROPOSAL' and p.id = e.subject_id
                 left join allocations al on e.subject_type = 'ALLOCATION' and al.id = e.subject_id
                 left join budget_shifts bs on e.subject_type = 'BUDGET_SHIFT' and bs.id = e.subject_id
            where e.event in ('approved', 'rejected', 'withdrawn', 'expired', 'activated')
              and (e.event = 'activated' or json_extract(e.detail, '$.status') is not null)
              and ((e.subject_type = 'PROPOSAL'
                    and (p.requested_by = :userId
                         or exists (select 1 from route_roles r where r.route_id = p.route_id and r.role in (<roles>))))
                   or (e.subject_type = 'ALLOCATION'
                    and (al.requested_by = :userId
                         or exists (select 1 from route_roles r where r.route_id = al.route_id and r.role in (<roles>))))
                   or (e.subject_type = 'BUDGET_SHIFT'
                    and (bs.requested_by = :userId
                         or exists (select 1 from route_roles r where r.route_id = bs.route_id and r.role in (<roles>))))
                   or (e.subject_type = 'RULESET'
                    and (e.event = 'activated'
                         or exists (select 1 from approval_requests a join route_roles r on r.route_id = a.route_id
                                    where a.subject_type = 'RULESET' and a.subject_id = e.subject_id
                                      and r.role in (<roles>)))))
            """;

    @SqlQuery("""
            select e.seq, e.at, e.event, e.actor, e.role, e.comment, e.ruleset_version, e.subject_type, e.subject_id,
                   p.kind, p.channel, p.sku, p.category,
                   coalesce(p.status, json_extract(e.detail, '$.status'), 'ACTIVE') as status
            """ + FEED + " order by e.seq desc limit :limit offset :offset")
    @RegisterConstructorMapper(FeedItem.class)
    List<FeedItem> feed(@Bind("userId") long userId, @BindList("roles") Collection<String> roles,
                        @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) " + FEED)
    long feedCount(@Bind("userId") long userId, @BindList("roles") Collection<String> roles);
}
