package dev.governor.versions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** VersionDao keeps ruleset versions, their files and the periods they were in force. */
interface VersionDao {

    String COLUMNS = """
            v.id, v.hash, v.state, v.origin, v.based_on, u.name as uploaded_by, v.uploaded_at, v.report,
            (select a.active_from from ruleset_activations a where a.version_id = v.id order by a.id desc limit 1)
                as active_from,
            (select a.active_to from ruleset_activations a where a.version_id = v.id order by a.id desc limit 1)
                as active_to
            """;
    String FROM = " from ruleset_versions v left join users u on u.id = v.uploaded_by ";

    @SqlQuery("select " + COLUMNS + FROM + " order by v.id desc")
    @RegisterConstructorMapper(VersionRow.class)
    List<VersionRow> list();

    @SqlQuery("select " + COLUMNS + FROM + " where v.id = :id")
    @RegisterConstructorMapper(VersionRow.class)
    Optional<VersionRow> find(@Bind("id") long id);

    @SqlQuery("select " + COLUMNS + FROM + " where v.state = 'ACTIVE'")
    @RegisterConstructorMapper(VersionRow.class)
    Optional<VersionRow> active();

    @SqlQuery("select id from ruleset_versions where hash = :hash order by id limit 1")
    Optional<Long> byHash(@Bind("hash") String hash);

    /** The version in force at an instant: the activation period that holds it. */
    @SqlQuery("""
            select version_id from ruleset_activations
            where active_from <= :at and (active_to is null or active_to > :at) order by id desc limit 1
            """)
    Optional<Long> activeAt(@Bind("at") Instant at);

    @SqlUpdate("""
            insert into ruleset_versions (hash, state, origin, based_on, uploaded_by, uploaded_at, report)
            values (:hash, :state, :origin, :basedOn, :uploadedBy, :uploadedAt, :report)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("hash") String hash, @Bind("state") String state, @Bind("origin") String origin,
                @Bind("basedOn") Long basedOn, @Bind("uploadedBy") Long uploadedBy,
                @Bind("uploadedAt") Instant uploadedAt, @Bind("report") String report);

    @SqlUpdate("insert into ruleset_files (version_id, path, content) values (:id, :path, :content)")
    void insertFile(@Bind("id") long versionId, @Bind("path") String path, @Bind("content") byte[] content);

    @SqlQuery("select path from ruleset_files where version_id = :id order by path")
    List<String> paths(@Bind("id") long versionId);

    @SqlQuery("select content from ruleset_files where version_id = :id and path = :path")
    Optional<byte[]> file(@Bind("id") long versionId, @Bind("path") String path);

    @SqlUpdate("""
            insert into ruleset_activations (version_id, active_from, activated_by, reason)
            values (:id, :from, :by, :reason)
            """)
    void activate(@Bind("id") long versionId, @Bind("from") Instant from, @Bind("by") Long activatedBy,
                  @Bind("reason") String reason);

    @SqlUpdate("update ruleset_activations set active_to = :at where active_to is null")
    void endCurrentPeriod(@Bind("at") Instant at);

    @SqlUpdate("update ruleset_versions set state = 'RETIRED' where state = 'ACTIVE'")
    void retireActive();

    @SqlQuery("select count(*) from ruleset_activations where version_id = :id")
    int periods(@Bind("id") long versionId);

    /** Approved activations of scheduled versions, by version, with their time. */
    @SqlQuery("""
            select a.subject_id as version_id, a.activate_at from approval_requests a
            join ruleset_versions v on v.id = a.subject_id
            where a.subject_type = 'RULESET' and a.status = 'APPROVED' and v.state = 'SCHEDULED'
            order by a.activate_at
            """)
    @RegisterConstructorMapper(Scheduled.class)
    List<Scheduled> scheduled();

    /** Scheduled is a version approved to become active at an instant. */
    record Scheduled(long versionId, Instant activateAt) {
    }

    @SqlUpdate("update ruleset_versions set state = :state where id = :id")
    void state(@Bind("id") long versionId, @Bind("state") String state);
}
