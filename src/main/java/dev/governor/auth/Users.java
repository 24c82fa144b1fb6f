package dev.governor.auth;

import dev.governor.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users creates users with API tokens and authenticates bearer tokens. A token is shown once, when
 * it is created; only its SHA-256 hash is stored, and authenticated tokens are remembered by hash.
 */
public final class Users {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Created is a new user and the token to hand over, shown only this once. */
    public record Created(User user, String token) {
    }

    private final Database database;
    private final Clock clock;
    private final Map<String, User> byTokenHash = new ConcurrentHashMap<>();

    public Users(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Created create(String name, Set<Role> roles) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a user needs a name");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a user needs at least one role");
        }
        String token = "gov_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        long id = database.write(handle -> {
            UserDao dao = handle.attach(UserDao.class);
            if (dao.findIdByName(name).isPresent()) {
                throw new IllegalArgumentException("a user named '" + name + "' already exists");
            }
            long userId = dao.insertUser(name, clock.instant());
            for (Role role : roles) {
                dao.insertRole(userId, role.id());
            }
            dao.insertToken(hash(token), userId, clock.instant());
            return userId;
        });
        return new Created(new User(id, name, Set.copyOf(roles)), token);
    }

    /** Creates one demo user per role on an empty database; returns their tokens by user name, or nothing. */
    public Map<String, Created> createDemoUsersIfEmpty() {
        Map<String, Created> created = new LinkedHashMap<>();
        if (database.read(handle -> handle.attach(UserDao.class).count()) > 0) {
            return created;
        }
        for (Role role : Role.values()) {
            String name = "demo-" + role.id().replace('_', '-');
            created.put(name, create(name, EnumSet.of(role)));
        }
        return created;
    }

    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(token.trim());
        User cached = byTokenHash.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> user = database.read(handle -> {
            UserDao dao = handle.attach(UserDao.class);
            return dao.findUserIdByTokenHash(hash).map(id -> {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                dao.roles(id).forEach(role -> Role.find(role).ifPresent(roles::add));
                return new User(id, dao.findName(id).orElseThrow(), Set.copyOf(roles));
            });
        });
        user.ifPresent(found -> byTokenHash.put(hash, found));
        return user;
    }

    public Optional<String> findName(long id) {
        return database.read(handle -> handle.attach(UserDao.class).findName(id));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
