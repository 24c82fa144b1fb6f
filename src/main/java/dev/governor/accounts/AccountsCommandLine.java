package dev.governor.accounts;

import dev.governor.audit.AuditTrail;
import dev.governor.auth.Passwords;
import dev.governor.auth.Role;
import dev.governor.auth.Users;
import dev.governor.core.Refusal;
import dev.governor.store.Database;
import dev.governor.store.ServingLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * AccountsCommandLine carries out {@code governor users …} on a database file. When no server
 * serves the file, it takes the serving lock (so none starts meanwhile) and applies the change
 * itself; when one does, it queues the change for that server, which applies it on its own
 * writer's turn within a second, and waits for the outcome. The token is made here and shown only
 * here: the queue holds its hash.
 */
public final class AccountsCommandLine {

    /** How long to wait for a running server to apply a queued change. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** Outcome is what a change came to: done (with the new token, if one was made), or refused and why. */
    public record Outcome(boolean done, String message, String token) {
    }

    private AccountsCommandLine() {
    }

    /** Adds a user with a token and, when {@code password} is given, a password they sign in with. */
    public static Outcome add(Path file, String name, Set<Role> roles, Integer expiresInDays, char[] password) {
        String token = Users.newToken();
        return submit(file, () -> Accounts.add(name, roles, token, expiresInDays,
                password == null ? null : Passwords.hash(password), Clock.systemUTC()), token);
    }

    /** Sets {@code name}'s password; set by an operator for someone else, it must be changed at its first use. */
    public static Outcome password(Path file, String name, char[] password) {
        return submit(file, () -> Accounts.password(name, Passwords.hash(password), true), null);
    }

    public static Outcome revoke(Path file, String name) {
        return submit(file, () -> new Accounts.Command("revoke", name, List.of(), null, null, null, null), null);
    }

    public static Outcome rotate(Path file, String name, Integer expiresInDays) {
        String token = Users.newToken();
        return submit(file, () -> Accounts.rotation(name, token, expiresInDays, Clock.systemUTC()), token);
    }

    public static List<Accounts.Account> list(Path file) {
        try (Database database = Database.open(file)) {
            return accounts(database).list();
        }
    }

    private interface CommandMaker {
        Accounts.Command make();
    }

    private static Outcome submit(Path file, CommandMaker maker, String token) {
        Accounts.Command command;
        try {
            command = maker.make();
        } catch (Refusal invalid) {
            return new Outcome(false, invalid.getMessage(), null);
        }
        String via = "command line (" + System.getProperty("user.name", "unknown") + ")";
        try (Database database = Database.open(file)) {
            Accounts accounts = accounts(database);
            Optional<ServingLock> lock = ServingLock.tryTake(file);
            if (lock.isPresent()) {
                try (ServingLock held = lock.get()) {
                    accounts.applyNow(command, via);
                    return new Outcome(true, "done", token);
                } catch (Refusal refused) {
                    return new Outcome(false, refused.getMessage(), null);
                }
            }
            long id = Accounts.enqueue(database, command, via);
            long until = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < until) {
                Optional<String> outcome = Accounts.outcome(database, id);
                if (outcome.isPresent()) {
                    return outcome.get().equals("ok") ? new Outcome(true, "done by the running server", token)
                            : new Outcome(false, outcome.get(), null);
                }
                Optional<ServingLock> freed = ServingLock.tryTake(file);
                if (freed.isPresent()) {
                    // the server stopped before it applied the change: apply what it left queued
                    try (ServingLock held = freed.get()) {
                        accounts.applyQueued();
                    }
                    continue;
                }
                sleep();
            }
            return new Outcome(false, "the running server did not apply the change within " + WAIT.toSeconds()
                    + " s; it stays queued and takes effect when the server applies it", token);
        }
    }

    private static Accounts accounts(Database database) {
        Clock clock = Clock.systemUTC();
        return new Accounts(database, new Users(database, clock), new AuditTrail(database, clock), clock);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server", e);
        }
    }
}
