package dev.governor.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.governor.audit.AuditTrail;
import dev.governor.audit.NewEvent;
import dev.governor.auth.Passwords;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.auth.Users;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Accounts is the life of a user: created with roles and a token, the token rotated (the old one
 * stops working at once) or set to expire, the user revoked (every way in ends). Every change is
 * an event in the audit chain, on the writer's turn, and makes the server forget the tokens it
 * remembered. A change asked on the command line while a server runs is queued in the database
 * and applied by that server, so only one process ever writes the audit chain.
 */
public final class Accounts {

    /** The audit subject of user events. */
    public static final String SUBJECT = "USER";
    /** How user names are written: letters, digits and {@code . _ @ -}, at most 64. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** The longest a token may be set to live. */
    public static final int MAX_EXPIRY_DAYS = 3650;

    /**
     * Created is a user and the token to hand over, shown only this once ({@code expiresAt} null:
     * never), and the password when Governor made one (a demo user), shown only this once too.
     */
    public record Created(User user, String token, Instant expiresAt, String password) {
    }

    /** Account is a user as an administrator sees them; never a token. */
    public record Account(String name, List<Role> roles, Instant createdAt, Instant revokedAt, int tokens,
                          Instant tokenExpiresAt) {
    }

    /**
     * Command is one change to users, as applied on the writer's turn: {@code add}, {@code revoke},
     * {@code token} (rotate) or {@code password}. It carries hashes, never a token or a password; a
     * password someone else set must be changed at its first use ({@code passwordMustChange}).
     */
    record Command(String kind, String name, List<String> roles, String tokenHash, Instant expiresAt,
                   String passwordHash, Boolean passwordMustChange) {
    }

    /** Who asked for a change: a signed-in administrator, or the command line run by an operating-system user. */
    record Requester(User user, String via) {
    }

    private final Database database;
    private final Users users;
    private final AuditTrail audit;
    private final Clock clock;

    public Accounts(Database database, Users users, AuditTrail audit, Clock clock) {
        this.database = database;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a user with {@code roles} and a token living {@code expiresInDays} (null: for ever). */
    public Created create(User actor, String name, Set<Role> roles, Integer expiresInDays) {
        return create(actor, name, roles, expiresInDays, null);
    }

    /** Creates a user as {@link #create(User, String, Set, Integer)} does, who also signs in with {@code password}. */
    Created create(User actor, String name, Set<Role> roles, Integer expiresInDays, String password) {
        String token = Users.newToken();
        Command command = add(name, roles, token, expiresInDays,
                password == null ? null : Passwords.hash(password.toCharArray()), clock);
        long id = database.write(handle -> apply(handle, command, new Requester(actor, "api")));
        users.forgetAll();
        return new Created(new User(id, name, Set.copyOf(roles)), token, command.expiresAt(), password);
    }

    /** Whether {@code password} is the password of {@code name}, a user not revoked. */
    public boolean passwordMatches(String name, char[] password) {
        return Passwords.matches(password, database.read(handle -> handle.attach(AccountDao.class)
                .passwordHash(name)).orElse(null));
    }

    /** Revokes {@code name}: their tokens are deleted and every way in ends. */
    public void revoke(User actor, String name) {
        if (actor != null && actor.name().equals(name)) {
            throw new Refusal(ErrorCode.SELF_REVOKE, "you cannot revoke your own account: ask another admin");
        }
        Command command = new Command("revoke", name, List.of(), null, null, null, null);
        database.write(handle -> apply(handle, command, new Requester(actor, "api")));
        users.forgetAll();
    }

    /** Gives {@code name} a new token living {@code expiresInDays} (null: for ever); the old ones stop working. */
    public Created rotate(User actor, String name, Integer expiresInDays) {
        String token = Users.newToken();
        Command command = rotation(name, token, expiresInDays, clock);
        long id = database.write(handle -> apply(handle, command, new Requester(actor, "api")));
        users.forgetAll();
        return new Created(new User(id, name, Set.of()), token, command.expiresAt(), null);
    }

    /** Every user, by name, with roles and token expiry; never a token. */
    public List<Account> list() {
        return database.read(handle -> handle.attach(AccountDao.class).accounts()).stream()
                .map(row -> new Account(row.name(), row.roles() == null ? List.of() : Arrays.stream(row.roles()
                        .split(",")).map(role -> Role.find(role).orElseThrow()).toList(), row.createdAt(),
                        row.revokedAt(), row.tokens(), row.tokenExpiresAt()))
                .toList();
    }

    /** Creates one demo user per role on an empty database, each with a token and a password; by user name, or nothing. */
    public Map<String, Created> createDemoUsersIfEmpty() {
        Map<String, Created> created = new LinkedHashMap<>();
        if (database.read(handle -> handle.attach(AccountDao.class).count()) > 0) {
            return created;
        }
        for (Role role : Role.values()) {
            String name = "demo-" + role.id().replace('_', '-');
            created.put(name, create(null, name, EnumSet.of(role), null, Passwords.newPassword()));
        }
        return created;
    }

    /** The command that adds {@code name} with the hash of {@code token}; validated here, before anything is written. */
    static Command add(String name, Set<Role> roles, String token, Integer expiresInDays, String passwordHash,
                       Clock clock) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Refusal(ErrorCode.INVALID_NAME, "a user name is 1 to 64 letters, digits or . _ @ -");
        }
        if (roles == null || roles.isEmpty()) {
            throw new Refusal(ErrorCode.NO_ROLES, "a user needs at least one role");
        }
        return new Command("add", name, roles.stream().map(Role::id).sorted().toList(), Users.hash(token),
                expiresAt(expiresInDays, clock), passwordHash, passwordHash == null ? null : false);
    }

    /** The command that gives {@code name} the hash of {@code token} in place of their tokens. */
    static Command rotation(String name, String token, Integer expiresInDays, Clock clock) {
        return new Command("token", name, List.of(), Users.hash(token), expiresAt(expiresInDays, clock), null, null);
    }

    /** The command that sets {@code name}'s password to {@code passwordHash}; one set by someone else is changed at first use. */
    static Command password(String name, String passwordHash, boolean mustChange) {
        return new Command("password", name, List.of(), null, null, passwordHash, mustChange);
    }

    private static Instant expiresAt(Integer days, Clock clock) {
        if (days == null) {
            return null;
        }
        if (days < 1 || days > MAX_EXPIRY_DAYS) {
            throw new Refusal(ErrorCode.INVALID_EXPIRY, "a token lives 1 to " + MAX_EXPIRY_DAYS + " days");
        }
        return clock.instant().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Applies one command on the writer's turn, with its audit event; answers the user's id. */
    long apply(Handle handle, Command command, Requester requester) {
        AccountDao dao = handle.attach(AccountDao.class);
        Instant now = clock.instant();
        Map<String, Object> detail = NewEvent.detail("name", command.name(), "via", requester.via());
        long id;
        String event;
        switch (command.kind()) {
            case "add" -> {
                if (dao.findIdByName(command.name()).isPresent()) {
                    throw new Refusal(ErrorCode.USER_EXISTS, "a user named '" + command.name() + "' already exists");
                }
                id = dao.insertUser(command.name(), now);
                for (String role : command.roles()) {
                    dao.insertRole(id, role);
                }
                dao.insertToken(command.tokenHash(), id, now, command.expiresAt());
                if (command.passwordHash() != null) {
                    dao.setPassword(id, command.passwordHash(), Boolean.TRUE.equals(command.passwordMustChange()));
                    detail.put("password", true);
                }
                detail.put("roles", command.roles());
                event = "user_created";
            }
            case "revoke" -> {
                id = existing(dao, command.name());
                if (dao.revoke(id, now) == 0) {
                    throw new Refusal(ErrorCode.ALREADY_REVOKED, "'" + command.name() + "' is already revoked");
                }
                detail.put("tokensDeleted", dao.deleteTokens(id));
                event = "user_revoked";
            }
            case "token" -> {
                id = existing(dao, command.name());
                if (dao.isRevoked(id)) {
                    throw new Refusal(ErrorCode.ALREADY_REVOKED, "'" + command.name() + "' is revoked: a revoked "
                            + "user gets no new token");
                }
                detail.put("tokensDeleted", dao.deleteTokens(id));
                dao.insertToken(command.tokenHash(), id, now, command.expiresAt());
                event = "token_rotated";
            }
            case "password" -> {
                id = existing(dao, command.name());
                if (dao.isRevoked(id)) {
                    throw new Refusal(ErrorCode.ALREADY_REVOKED, "'" + command.name() + "' is revoked: a revoked "
                            + "user gets no new password");
                }
                boolean mustChange = Boolean.TRUE.equals(command.passwordMustChange());
                dao.setPassword(id, command.passwordHash(), mustChange);
                detail.put("mustChange", mustChange);
                event = "password_set";
            }
            default -> throw new IllegalArgumentException("no such user command: " + command.kind());
        }
        if (command.expiresAt() != null) {
            detail.put("tokenExpiresAt", command.expiresAt().toString());
        }
        audit.append(handle, new NewEvent(event, SUBJECT, id, requester.user(),
                requester.user() == null ? null : Role.ADMIN.id(), null, null, detail));
        return id;
    }

    private static long existing(AccountDao dao, String name) {
        return dao.findIdByName(name).orElseThrow(() -> new Refusal(ErrorCode.UNKNOWN_USER,
                "there is no user named '" + name + "'"));
    }

    // ---- the command line's queue ---------------------------------------------------------------

    /** Queues {@code command} for the server serving the database; answers its id in the queue. */
    static long enqueue(Database database, Command command, String via) {
        String text = json(Map.of("command", command, "via", via));
        return database.write(handle -> handle.attach(AccountDao.class).enqueue(text, Clock.systemUTC().instant()));
    }

    /** What became of a queued command: "ok", or why it was refused; empty while it waits. */
    static Optional<String> outcome(Database database, long id) {
        return database.read(handle -> handle.attach(AccountDao.class).outcome(id));
    }

    /**
     * Applies every queued command, each on its own writer's turn, noting its outcome; the server
     * calls this a few times a second. Answers how many were applied or refused.
     */
    public int applyQueued() {
        List<AccountDao.QueuedCommand> pending = database.read(handle -> handle.attach(AccountDao.class).pending());
        for (AccountDao.QueuedCommand queued : pending) {
            Map<?, ?> envelope;
            Command command;
            try {
                envelope = Json.MAPPER.readValue(queued.command(), Map.class);
                command = Json.MAPPER.convertValue(envelope.get("command"), Command.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                markDone(queued.id(), "refused: the command could not be read");
                continue;
            }
            String via = String.valueOf(envelope.get("via"));
            try {
                database.write(handle -> {
                    apply(handle, command, new Requester(null, via));
                    return handle.attach(AccountDao.class).markDone(queued.id(), clock.instant(), "ok");
                });
            } catch (Refusal refused) {
                markDone(queued.id(), "refused: " + refused.getMessage());
            }
        }
        if (!pending.isEmpty()) {
            users.forgetAll();
        }
        return pending.size();
    }

    private void markDone(long id, String outcome) {
        database.write(handle -> handle.attach(AccountDao.class).markDone(id, clock.instant(), outcome));
    }

    /** Applies {@code command} at once: the caller holds the database's serving lock, so no server runs. */
    void applyNow(Command command, String via) {
        database.write(handle -> apply(handle, command, new Requester(null, via)));
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
