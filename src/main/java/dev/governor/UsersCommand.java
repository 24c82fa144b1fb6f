package dev.governor;

import dev.governor.auth.Role;
import dev.governor.auth.Users;
import dev.governor.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** UsersCommand manages users from the command line; {@code users add} prints the new token as its last line. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users and their API tokens.",
        subcommands = UsersCommand.Add.class)
final class UsersCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.USAGE;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a user and print its API token once.")
    static final class Add implements java.util.concurrent.Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "User name (unique)")
        String name;

        @Option(names = "--role", required = true, description = "Role: gm, dtc_lead, marketplace_lead, finance, "
                + "operations, revenue_ops, admin (repeat for several)")
        List<String> roles;

        @Option(names = "--db", defaultValue = "governor.db", description = "SQLite database file (default ${DEFAULT-VALUE})")
        Path database;

        @Override
        public Integer call() {
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                parsed.add(Role.find(role.trim()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                        "unknown role '" + role + "'; use one of gm, dtc_lead, marketplace_lead, finance, operations, "
                                + "revenue_ops, admin")));
            }
            try (Database db = Database.open(database)) {
                Users.Created created;
                try {
                    created = new Users(db, Clock.systemUTC()).create(name, parsed);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                System.out.println("created user " + created.user().name() + " with roles "
                        + String.join(", ", parsed.stream().map(Role::id).toList())
                        + "; the token is shown once:");
                System.out.println(created.token());
            }
            return 0;
        }
    }
}
