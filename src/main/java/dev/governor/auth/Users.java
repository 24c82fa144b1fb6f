package dev.governor.auth;

import dev.governor.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users authenticates bearer tokens. Only a token's SHA-256 hash is stored; a token of a revoked
 * user, a deleted (rotated) token or an expired one lets nobody in. Authenticated tokens are
 * remembered by hash until {@link #forgetAll()}, which every change to users calls, and for at most
 * {@link #REMEMBERED} in any case, so a token row deleted by hand in the database stops working too.
 */
public final class Users {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long an authenticated token is trusted before the database is asked again. */
    static final java.time.Duration REMEMBERED = java.time.Duration.ofSeconds(30);

    /** Known is an authenticated token: whose it is, when it stops working (null: never), and when it was read. */
    private record Known(User user, Instant expiresAt, Instant readAt) {
    }

    private final Database database;
    private final Clock clock;
    private final Map<String, Known> byTokenHash = new ConcurrentHashMap<>();

    public Users(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A new random token, shown once to whoever it is for. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "gov_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hash under which a token is stored. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 256) {
            return Optional.empty();
        }
        String hash = hash(token.trim());
        Known known = byTokenHash.get(hash);
        if (known != null && clock.instant().isAfter(known.readAt().plus(REMEMBERED))) {
            byTokenHash.remove(hash, known);
            known = null;
        }
        if (known == null) {
            known = database.read(handle -> {
                UserDao dao = handle.attach(UserDao.class);
                return dao.findOwner(hash).map(owner -> {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    dao.roles(owner.userId()).forEach(role -> Role.find(role).ifPresent(roles::add));
                    User user = new User(owner.userId(), dao.findName(owner.userId()).orElseThrow(), Set.copyOf(roles));
                    return new Known(user, owner.expiresAt(), clock.instant());
                });
            }).orElse(null);
            if (known == null) {
                return Optional.empty();
            }
            byTokenHash.put(hash, known);
        }
        if (known.expiresAt() != null && !clock.instant().isBefore(known.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(known.user());
    }

    /** Forgets every remembered token, so the next request of each is checked against the database again. */
    public void forgetAll() {
        byTokenHash.clear();
    }

    public Optional<String> findName(long id) {
        return database.read(handle -> handle.attach(UserDao.class).findName(id));
    }
}
