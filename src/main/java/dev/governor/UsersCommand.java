package dev.governor;

import dev.governor.accounts.Accounts;
import dev.governor.accounts.AccountsCommandLine;
import dev.governor.auth.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * UsersCommand manages users from the command line, whether or not a server serves the database:
 * {@code add} and {@code token} print the new token as their last line; every change is audited.
 */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users and their API tokens.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Revoke.class,
                UsersCommand.Token.class, UsersCommand.Passwd.class})
final class UsersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }

    /** DatabaseOption is the {@code --db} every users command takes. */
    static final class DatabaseOption {
        @Option(names = "--db", defaultValue = "governor.db", description = "SQLite database file (default ${DEFAULT-VALUE})")
        Path database;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a user and print its API token once.")
    static final class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "User name (unique): letters, digits, . _ @ -")
        String name;

        @Option(names = "--role", required = true, description = "Role: gm, dtc_lead, marketplace_lead, finance, "
                + "operations, revenue_ops, admin (repeat for several)")
        List<String> roles;

        @Option(names = "--expires-in", paramLabel = "DAYS", description = "The token stops working after DAYS days")
        Integer expiresInDays;

        @Option(names = "--password-stdin", description = "Read a password to sign in with from the first line of "
                + "standard input (12 to 64 characters)")
        boolean passwordStdin;

        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() throws IOException {
            char[] password = passwordStdin ? firstLine(spec) : null;
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                parsed.add(Role.find(role.trim()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "unknown role '" + role + "'; use one of " + String.join(", ",
                                EnumSet.allOf(Role.class).stream().map(Role::id).toList()))));
            }
            var outcome = AccountsCommandLine.add(db.database, name, parsed, expiresInDays, password);
            return report(spec, outcome, "created user " + name + " with roles "
                    + String.join(", ", parsed.stream().map(Role::id).toList()) + "; the token is shown once:");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users, their roles and token expiry.")
    static final class ListUsers implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            out.printf("%-28s %-40s %-22s %s%n", "name", "roles", "token expires", "state");
            for (Accounts.Account account : AccountsCommandLine.list(db.database)) {
                out.printf("%-28s %-40s %-22s %s%n", account.name(),
                        String.join(",", account.roles().stream().map(Role::id).toList()),
                        account.tokens() == 0 ? "-" : account.tokenExpiresAt() == null ? "never"
                                : account.tokenExpiresAt().toString(),
                        account.revokedAt() == null ? "active" : "revoked " + account.revokedAt());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a user: their tokens stop working within a second, even while a server runs.")
    static final class Revoke implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "The user to revoke")
        String name;

        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() {
            return report(spec, AccountsCommandLine.revoke(db.database, name), "revoked " + name);
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Rotate a user's token: print a new one; the old one stops working.")
    static final class Token implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "The user whose token to rotate")
        String name;

        @Option(names = "--expires-in", paramLabel = "DAYS", description = "The new token stops working after DAYS days")
        Integer expiresInDays;

        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() {
            return report(spec, AccountsCommandLine.rotate(db.database, name, expiresInDays),
                    "new token for " + name + "; the old one no longer works; the token is shown once:");
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set a user's password, read from the first line of standard input; the user must change "
                    + "it when next signing in.")
    static final class Passwd implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "The user whose password to set")
        String name;

        @Mixin
        DatabaseOption db;

        @Override
        public Integer call() throws IOException {
            return report(spec, AccountsCommandLine.password(db.database, name, firstLine(spec)),
                    "set the password of " + name + "; it must be changed at its first use");
        }
    }

    /**
     * The first line of standard input, as a password: typed at a terminal without echo, or piped in
     * (`printf '%s\n' "$PASSWORD" | governor users passwd --name maya`). It never appears in the arguments,
     * where other users of the machine could read it.
     */
    private static char[] firstLine(CommandSpec spec) throws IOException {
        java.io.Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("password: ");
            return typed == null ? new char[0] : typed;
        }
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }

    /** Prints what came of a change: the headline and the token on its own last line, or why it was refused. */
    private static int report(CommandSpec spec, AccountsCommandLine.Outcome outcome, String headline) {
        if (!outcome.done()) {
            spec.commandLine().getErr().println("governor: " + outcome.message());
            if (outcome.token() != null) {
                spec.commandLine().getErr().println("the token it will carry: " + outcome.token());
            }
            spec.commandLine().getErr().flush();
            return 1;
        }
        var out = spec.commandLine().getOut();
        out.println(headline);
        if (outcome.token() != null) {
            out.println(outcome.token());
        }
        out.flush();
        return 0;
    }
}
