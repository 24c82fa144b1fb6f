package dev.governor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.accounts.Accounts;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.Role;
import dev.governor.auth.Users;
import dev.governor.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: {@code users add} prints a working token as its last line; bad input is refused. */
class CommandLineTest {

    @TempDir
    Path folder;

    @Test
    void usersAddPrintsAWorkingTokenAsTheLastLine() {
        Path db = folder.resolve("governor.db");
        Output output = run("users", "add", "--name", "maya", "--role", "marketplace_lead", "--role", "gm",
                "--db", db.toString());
        assertThat(output.exitCode()).isZero();
        List<String> lines = output.out().lines().toList();
        String token = lines.get(lines.size() - 1);
        assertThat(token).startsWith("gov_");
        try (Database database = Database.open(db)) {
            var user = new Users(database, Clock.systemUTC()).authenticate(token).orElseThrow();
            assertThat(user.name()).isEqualTo("maya");
            assertThat(user.roles()).containsExactlyInAnyOrder(Role.MARKETPLACE_LEAD, Role.GM);
        }
    }

    @Test
    void unknownRoleIsRefusedWithTheRolesThatExist() {
        Output output = run("users", "add", "--name", "x", "--role", "ceo", "--db", folder.resolve("g.db").toString());
        assertThat(output.exitCode()).isNotZero();
        assertThat(output.err()).contains("unknown role 'ceo'", "marketplace_lead");
    }

    @Test
    void duplicateNameIsRefused() {
        String db = folder.resolve("g.db").toString();
        assertThat(run("users", "add", "--name", "x", "--role", "gm", "--db", db).exitCode()).isZero();
        Output again = run("users", "add", "--name", "x", "--role", "gm", "--db", db);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void demoUsersAreCreatedOnceOnAnEmptyDatabase() {
        try (Database database = Database.open(folder.resolve("demo.db"))) {
            Users users = new Users(database, Clock.systemUTC());
            Accounts accounts = new Accounts(database, users, new AuditTrail(database, Clock.systemUTC()),
                    Clock.systemUTC());
            var created = accounts.createDemoUsersIfEmpty();
            assertThat(created).hasSize(Role.values().length);
            created.values().forEach(user -> assertThat(users.authenticate(user.token())).isPresent());
            assertThat(accounts.createDemoUsersIfEmpty()).isEmpty();
        }
    }

    @Test
    void noCommandExits2AfterTheUsage() {
        Output output = run();
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("Usage: governor", "serve", "users");
        assertThat(run("users").exitCode()).isEqualTo(2);
    }

    @Test
    void aSecondServerOnTheSameDatabaseExitsAtOnceWithOneLineAndTheFirstKeepsServing() {
        Path db = folder.resolve("shared.db");
        try (Governor first = Governor.start(new Governor.Settings(db, Path.of("."), 0), ShippedRuleset.get())) {
            Output second = run("serve", "--db", db.toString(), "--port", "0");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err().strip().lines()).hasSize(1);
            assertThat(second.err()).startsWith("governor: another Governor is serving");
            assertThat(health(first.port())).isEqualTo(200);
        }
        // the lock goes with the server: the next one starts
        try (Governor next = Governor.start(new Governor.Settings(db, Path.of("."), 0), ShippedRuleset.get())) {
            assertThat(health(next.port())).isEqualTo(200);
        }
    }

    @Test
    void aPortInUseIsOneLineAndTheDatabaseIsNotTouched() throws java.io.IOException {
        Path db = folder.resolve("untouched.db");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Output output = run("serve", "--db", db.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(output.exitCode()).isEqualTo(1);
            assertThat(output.err().strip().lines()).hasSize(1);
            assertThat(output.err()).contains("port " + taken.getLocalPort() + " is in use");
        }
        assertThat(db).doesNotExist();
    }

    private static int health(int port) {
        return TestServer.client().sendAsync(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).join().statusCode();
    }

    record Output(int exitCode, String out, String err) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine commandLine = Main.commandLine();
            commandLine.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            int exitCode = commandLine.execute(args);
            return new Output(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
        }
    }
}
