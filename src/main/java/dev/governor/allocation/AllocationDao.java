package dev.governor.allocation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** AllocationDao keeps allocation requests and the plan of each of their SKUs. */
interface AllocationDao {

    /** NewAllocation is an allocation as it is first written, before its lines. */
    record NewAllocation(String status, String verdict, java.time.LocalDate start, int horizonWeeks, int skuCount,
                         long available, long allocated, int shortfalls, int overrides, String note, String request,
                         String contentHash, String rulesetVersion, long routeId, long requestedBy,
                         java.time.Instant createdAt) {
    }

    /** NewLine is one SKU's plan of an allocation as it is written. */
    record NewLine(int position, String sku, String band, String verdict, long available, long allocated,
                   int shortfalls, boolean overridden, String plan) {
    }

    String INSERT = """
            insert into allocations (status, verdict, start_date, horizon_weeks, sku_count, available, allocated,
                                     shortfalls, overrides, note, request, content_hash, ruleset_version, route_id,
                                     requested_by, created_at)
            values (:status, :verdict, :start, :horizonWeeks, :skuCount, :available, :allocated, :shortfalls,
                    :overrides, :note, :request, :contentHash, :rulesetVersion, :routeId, :requestedBy, :createdAt)
            """;

    String INSERT_LINE = """
            insert into allocation_lines (allocation_id, position, sku, band, verdict, available, allocated,
                                          shortfalls, overridden, plan)
            values (:id, :position, :sku, :band, :verdict, :available, :allocated, :shortfalls, :overridden, :plan)
            """;

    @SqlUpdate(INSERT)
    @GetGeneratedKeys("id")
    long insert(@BindMethods NewAllocation allocation);

    @SqlBatch(INSERT_LINE)
    void insertLines(@Bind("id") long allocationId, @BindMethods List<NewLine> lines);

    String COLUMNS = """
            select a.id, a.status, a.verdict, a.start_date, a.horizon_weeks, a.sku_count, a.available, a.allocated,
                   a.shortfalls, a.overrides, a.note, a.request, a.content_hash, a.ruleset_version, u.name as requested_by,
                   a.created_at,
                   (select r.id from approval_requests r where r.subject_type = 'ALLOCATION' and r.subject_id = a.id)
                       as approval_request
            from allocations a join users u on u.id = a.requested_by
            """;

    @SqlQuery(COLUMNS + " where a.id = :id")
    @RegisterConstructorMapper(AllocationRow.class)
    Optional<AllocationRow> find(@Bind("id") long id);

    String MATCHES = """
             where (:status is null or a.status = :status)
               and (:sku is null or exists (select 1 from allocation_lines l where l.allocation_id = a.id and l.sku = :sku))
               and (:from is null or a.created_at >= :from)
               and (:to is null or a.created_at < :to)
            """;

    @SqlQuery(COLUMNS + MATCHES + " order by a.id desc limit :limit offset :offset")
    @RegisterConstructorMapper(AllocationRow.class)
    List<AllocationRow> list(@Bind("status") String status, @Bind("sku") String sku, @Bind("from") Instant from,
                             @Bind("to") Instant to, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("select count(*) from allocations a" + MATCHES)
    long count(@Bind("status") String status, @Bind("sku") String sku, @Bind("from") Instant from,
               @Bind("to") Instant to);

    @SqlQuery("select band, count(*) as skus from allocation_lines where allocation_id = :id group by band order by band")
    @RegisterConstructorMapper(BandCount.class)
    List<BandCount> bands(@Bind("id") long id);

    /** BandCount is how many SKUs of an allocation fell in a band. */
    record BandCount(String band, int skus) {
    }

    @SqlQuery("""
            select plan from allocation_lines where allocation_id = :id and (:sku is null or sku = :sku)
              and (:overriddenOnly = 0 or overridden = 1) order by position
            """)
    List<String> plans(@Bind("id") long id, @Bind("sku") String sku, @Bind("overriddenOnly") boolean overriddenOnly);

    /** RecordedAllocation is an allocation as stored beside what its audit trail says of it. */
    record RecordedAllocation(long id, String status, String request, String contentHash, String submittedHash,
                              String submittedPlansHash, String lastStatus) {
    }

    @SqlQuery("""
            select a.id, a.status, a.request, a.content_hash,
                   (select json_extract(e.detail, '$.contentHash') from audit_events e
                     where e.subject_type = 'ALLOCATION' and e.subject_id = a.id and e.event = 'submitted') as submitted_hash,
                   (select json_extract(e.detail, '$.plansHash') from audit_events e
                     where e.subject_type = 'ALLOCATION' and e.subject_id = a.id and e.event = 'submitted')
                       as submitted_plans_hash,
                   (select json_extract(e.detail, '$.status') from audit_events e
                     where e.subject_type = 'ALLOCATION' and e.subject_id = a.id
                       and json_extract(e.detail, '$.status') is not null order by e.seq desc limit 1) as last_status
            from allocations a where a.id > :after order by a.id limit :limit
            """)
    @RegisterConstructorMapper(RecordedAllocation.class)
    List<RecordedAllocation> recorded(@Bind("after") long after, @Bind("limit") int limit);

    @SqlUpdate("update allocations set status = :to where id = :id and status = 'PENDING_APPROVAL'")
    int changeStatus(@Bind("id") long id, @Bind("to") String to);
}
