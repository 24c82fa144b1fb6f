package dev.governor.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** AccountDao writes users, their roles and their tokens' hashes, and the queue of commands asked on the command line. */
interface AccountDao {

    /** AccountRow is one user as listed: roles joined by commas, and their tokens. */
    record AccountRow(long id, String name, String roles, Instant createdAt, Instant revokedAt, int tokens,
                      Instant tokenExpiresAt) {
    }

    /** QueuedCommand is a command line's change waiting for the server. */
    record QueuedCommand(long id, String command) {
    }

    @SqlUpdate("insert into users (name, created_at) values (:name, :createdAt)")
    @GetGeneratedKeys("id")
    long insertUser(@Bind("name") String name, @Bind("createdAt") Instant createdAt);

    @SqlUpdate("insert into user_roles (user_id, role) values (:userId, :role)")
    void insertRole(@Bind("userId") long userId, @Bind("role") String role);

    @SqlUpdate("""
            insert into api_tokens (token_hash, user_id, created_at, expires_at)
            values (:hash, :userId, :createdAt, :expiresAt)""")
    void insertToken(@Bind("hash") String hash, @Bind("userId") long userId, @Bind("createdAt") Instant createdAt,
                     @Bind("expiresAt") Instant expiresAt);

    @SqlUpdate("delete from api_tokens where user_id = :userId")
    int deleteTokens(@Bind("userId") long userId);

    @SqlUpdate("update users set revoked_at = :at where id = :userId and revoked_at is null")
    int revoke(@Bind("userId") long userId, @Bind("at") Instant at);

    @SqlUpdate("update users set password_hash = :hash, password_must_change = :mustChange where id = :id")
    void setPassword(@Bind("id") long userId, @Bind("hash") String passwordHash, @Bind("mustChange") boolean mustChange);

    @SqlQuery("select password_hash from users where name = :name and revoked_at is null and password_hash is not null")
    Optional<String> passwordHash(@Bind("name") String name);

    @SqlQuery("select id from users where name = :name")
    Optional<Long> findIdByName(@Bind("name") String name);

    @SqlQuery("select revoked_at is not null from users where id = :id")
    boolean isRevoked(@Bind("id") long id);

    @SqlQuery("select count(*) from users")
    int count();

    @RegisterConstructorMapper(AccountRow.class)
    @SqlQuery("""
            select u.id, u.name, (select group_concat(role, ',') from (select role from user_roles r
                                   where r.user_id = u.id order by role)) as roles,
                   u.created_at, u.revoked_at,
                   (select count(*) from api_tokens t where t.user_id = u.id) as tokens,
                   (select max(expires_at) from api_tokens t where t.user_id = u.id) as token_expires_at
            from users u order by u.name""")
    List<AccountRow> accounts();

    @SqlUpdate("insert into user_commands (command, requested_at) values (:command, :at)")
    @GetGeneratedKeys("id")
    long enqueue(@Bind("command") String command, @Bind("at") Instant at);

    @RegisterConstructorMapper(QueuedCommand.class)
    @SqlQuery("select id, command from user_commands where done_at is null order by id")
    List<QueuedCommand> pending();

    @SqlUpdate("update user_commands set done_at = :at, outcome = :outcome where id = :id and done_at is null")
    int markDone(@Bind("id") long id, @Bind("at") Instant at, @Bind("outcome") String outcome);

    @SqlQuery("select outcome from user_commands where id = :id and done_at is not null")
    Optional<String> outcome(@Bind("id") long id);
}
