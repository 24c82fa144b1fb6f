package dev.governor.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** UserDao reads who a token belongs to; {@code accounts} writes users and tokens. */
interface UserDao {

    /** TokenOwner is the user a token belongs to, and when the token expires (null: never). */
    record TokenOwner(long userId, Instant expiresAt) {
    }

    @RegisterConstructorMapper(TokenOwner.class)
    @SqlQuery("""
            select t.user_id, t.expires_at from api_tokens t join users u on u.id = t.user_id
            where t.token_hash = :hash and u.revoked_at is null""")
    Optional<TokenOwner> findOwner(@Bind("hash") String hash);

    @SqlQuery("select name from users where id = :id")
    Optional<String> findName(@Bind("id") long id);

    @SqlQuery("select role from user_roles where user_id = :id order by role")
    List<String> roles(@Bind("id") long id);
}
