package dev.governor;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** ServeCommand starts the HTTP service and keeps it running until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Governor HTTP service.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--port", defaultValue = "7070", description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--db", defaultValue = "governor.db", description = "SQLite database file (default ${DEFAULT-VALUE})")
    Path database;

    @Option(names = "--home", defaultValue = ".", description = "Folder holding rules/, decision-tables/ and samples/ "
            + "(default: the working folder; the copies inside the jar are used when it has none)")
    Path home;

    @Option(names = "--demo", description = "On an empty database, create one demo user per role and print their passwords and tokens")
    boolean demo;

    @Override
    public Integer call() throws InterruptedException {
        Governor governor = Governor.start(new Governor.Settings(database, home, port, demo));
        if (demo) {
            var created = governor.demoUsers();
            if (created.isEmpty()) {
                System.out.println("demo: the database already has users; no demo users were created");
            }
            // the token stays last on its line: scripts read it as the line's last word
            created.forEach((name, user) -> System.out.printf("demo user %-24s role %-17s password %s  token %s%n",
                    name, user.user().roles().iterator().next().id(), user.password(), user.token()));
        }
        System.out.printf("Governor serving on http://localhost:%d (database %s, ruleset %s)%n", governor.port(),
                database.toAbsolutePath(), governor.rulesets().active().hash().substring(0, 12));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            governor.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
