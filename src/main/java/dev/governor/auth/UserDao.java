package dev.governor.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** UserDao stores users, their roles and the hashes of their API tokens. */
interface UserDao {

    @SqlUpdate("insert into users (name, created_at) values (:name, :createdAt)")
    @GetGeneratedKeys("id")
    long insertUser(@Bind("name") String name, @Bind("createdAt") Instant createdAt);

    @SqlUpdate("insert into user_roles (user_id, role) values (:userId, :role)")
    void insertRole(@Bind("userId") long userId, @Bind("role") String role);

    @SqlUpdate("insert into api_tokens (token_hash, user_id, created_at) values (:hash, :userId, :createdAt)")
    void insertToken(@Bind("hash") String hash, @Bind("userId") long userId, @Bind("createdAt") Instant createdAt);

    @SqlQuery("select user_id from api_tokens where token_hash = :hash")
    Optional<Long> findUserIdByTokenHash(@Bind("hash") String hash);

    @SqlQuery("select name from users where id = :id")
    Optional<String> findName(@Bind("id") long id);

    @SqlQuery("select id from users where name = :name")
    Optional<Long> findIdByName(@Bind("name") String name);

    @SqlQuery("select role from user_roles where user_id = :id order by role")
    List<String> roles(@Bind("id") long id);

    @SqlQuery("select count(*) from users")
    int count();
}
