package dev.governor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.accounts.Accounts;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.Passwords;
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
            // each demo user signs in with the password printed beside its token, and with no other
            created.forEach((name, user) -> {
                assertThat(user.password()).hasSizeGreaterThanOrEqualTo(Passwords.MIN_LENGTH);
                assertThat(accounts.passwordMatches(name, user.password().toCharArray())).isTrue();
                assertThat(accounts.passwordMatches(name, (user.password() + "x").toCharArray())).isFalse();
            });
            assertThat(created.values().stream().map(Accounts.Created::password).distinct()).hasSize(created.size());
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

    @Test
    void demoUsersExistBeforeThePortAnswers() {
        try (Governor governor = Governor.start(new Governor.Settings(folder.resolve("demo-start.db"), Path.of("."), 0,
                true), ShippedRuleset.get())) {
            // start returns once the port answers; the demo users were made before, so their tokens work at once
            assertThat(governor.demoUsers()).hasSize(Role.values().length);
            String token = governor.demoUsers().get("demo-gm").token();
            assertThat(governor.users().authenticate(token)).isPresent();
            assertThat(governor.accounts().passwordMatches("demo-gm",
                    governor.demoUsers().get("demo-gm").password().toCharArray())).isTrue();
        }
    }

    @Test
    void aPasswordIsReadFromStandardInputAndStoredOnlyAsABcryptHash() throws Exception {
        Path db = folder.resolve("passwords.db");
        String password = "correct horse battery";
        Output added = runWithInput(password + "\n", "users", "add", "--name", "maya", "--role", "marketplace_lead",
                "--password-stdin", "--db", db.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).doesNotContain(password);
        try (Database database = Database.open(db)) {
            Accounts accounts = accounts(database);
            assertThat(accounts.passwordMatches("maya", password.toCharArray())).isTrue();
            assertThat(accounts.passwordMatches("maya", "correct horse battery!".toCharArray())).isFalse();
            String stored = database.read(handle -> handle.createQuery(
                    "select password_hash || ' ' || password_must_change from users where name = 'maya'")
                    .mapTo(String.class).one());
            assertThat(stored).startsWith("$2a$12$").endsWith(" 0").doesNotContain(password);
            String events = database.read(handle -> handle.createQuery("select group_concat(detail) from audit_events")
                    .mapTo(String.class).one());
            assertThat(events).doesNotContain(password).doesNotContain(stored.split(" ")[0]);
        }
    }

    @Test
    void passwdSetsANewPasswordThatMustBeChangedAtFirstUse() throws Exception {
        Path db = folder.resolve("passwd.db");
        assertThat(run("users", "add", "--name", "maya", "--role", "gm", "--db", db.toString()).exitCode()).isZero();
        Output set = runWithInput("a new long password\n", "users", "passwd", "--name", "maya", "--db", db.toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("must be changed at its first use");
        try (Database database = Database.open(db)) {
            assertThat(accounts(database).passwordMatches("maya", "a new long password".toCharArray())).isTrue();
            assertThat(number(database, "select password_must_change from users where name = 'maya'")).isOne();
            assertThat(number(database, "select count(*) from audit_events where event = 'password_set'")).isOne();
        }
    }

    @Test
    void aShortOrTooLongPasswordOrAnUnknownUserIsRefusedAndNothingIsWritten() {
        Path db = folder.resolve("refused.db");
        Output tooShort = runWithInput("short\n", "users", "add", "--name", "maya", "--role", "gm",
                "--password-stdin", "--db", db.toString());
        assertThat(tooShort.exitCode()).isOne();
        assertThat(tooShort.err()).contains("a password is 12 to 64 characters");
        Output tooLong = runWithInput("é".repeat(40) + "\n", "users", "add", "--name", "maya", "--role", "gm",
                "--password-stdin", "--db", db.toString());
        assertThat(tooLong.exitCode()).isOne();
        assertThat(tooLong.err()).contains("at most 72 bytes");
        Output unknown = runWithInput("a long enough password\n", "users", "passwd", "--name", "nobody",
                "--db", db.toString());
        assertThat(unknown.exitCode()).isOne();
        assertThat(unknown.err()).contains("no user named 'nobody'");
        try (Database database = Database.open(db)) {
            assertThat(number(database, "select count(*) from users")).isZero();
        }
    }

    private static int number(Database database, String sql) {
        Integer value = database.read(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
        return value;
    }

    private static Accounts accounts(Database database) {
        return new Accounts(database, new Users(database, Clock.systemUTC()),
                new AuditTrail(database, Clock.systemUTC()), Clock.systemUTC());
    }

    private static Output runWithInput(String input, String... args) {
        java.io.InputStream originalIn = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return run(args);
        } finally {
            System.setIn(originalIn);
        }
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
