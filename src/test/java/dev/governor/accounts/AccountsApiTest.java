package dev.governor.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.Main;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' lives: an admin lists, creates, revokes and rotates over HTTP and can do nothing else; the
 * command line does the same while the server runs, through the server; every change is audited,
 * and a revoked or rotated token stops working at once.
 */
class AccountsApiTest {

    static final MutableClock CLOCK = MutableClock.of(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final TestServer server = new TestServer().withClock(CLOCK);

    @Test
    void anAdminCreatesAUserWhoseTokenWorksAndTheListNeverShowsATokenOrHash() {
        var created = server.post("/api/users", Role.ADMIN, "{\"name\": \"maya\", \"roles\": [\"marketplace_lead\"]}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asText();
        assertThat(server.getAs(token, "/api/price-proposals").status()).isEqualTo(200);
        var list = server.get("/api/users", Role.ADMIN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(names(list.json())).contains("maya", "test-admin");
        assertThat(list.body()).doesNotContain(token).doesNotContain(dev.governor.auth.Users.hash(token));
        assertThat(events("user_created")).anySatisfy(event -> assertThat(event.at("/name").asText())
                .isEqualTo("maya"));
    }

    @Test
    void onlyAnAdminManagesUsersAndAnAdminDecidesNothing() {
        for (Role role : List.of(Role.GM, Role.FINANCE, Role.REVENUE_OPS)) {
            assertThat(server.get("/api/users", role).status()).isEqualTo(403);
            assertThat(server.post("/api/users", role, "{\"name\": \"x" + role.id().replace('_', '-')
                    + "\", \"roles\": [\"gm\"]}").status()).isEqualTo(403);
        }
        assertThat(server.get("/api/price-proposals", Role.ADMIN).status()).isEqualTo(403);
        assertThat(server.get("/api/approvals", Role.ADMIN).status()).isEqualTo(403);
        assertThat(server.post("/api/price-proposals", Role.ADMIN, "{\"sku\": \"TEA-001\", \"channel\": "
                + "\"dtc-webstore\", \"price\": 25, \"effectiveFrom\": \"2099-01-04\"}").status()).isEqualTo(403);
    }

    @Test
    void rotatingATokenStopsTheOldOneAtOnce() {
        String old = server.post("/api/users", Role.ADMIN, "{\"name\": \"rotating\", \"roles\": [\"gm\"]}").json()
                .get("token").asText();
        assertThat(server.getAs(old, "/api/approvals").status()).isEqualTo(200);
        var rotated = server.post("/api/users/rotating/token", Role.ADMIN, "");
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().get("token").asText();
        assertThat(server.getAs(old, "/api/approvals").status()).isEqualTo(401);
        assertThat(server.getAs(fresh, "/api/approvals").status()).isEqualTo(200);
        assertThat(events("token_rotated")).isNotEmpty();
    }

    @Test
    void revokingAUserEndsEveryTokenAtOnceAndAnAdminCannotRevokeThemself() {
        String token = server.post("/api/users", Role.ADMIN, "{\"name\": \"leaving\", \"roles\": [\"dtc_lead\"]}")
                .json().get("token").asText();
        assertThat(server.getAs(token, "/api/price-proposals").status()).isEqualTo(200);
        assertThat(server.post("/api/users/leaving/revoke", Role.ADMIN, "").status()).isEqualTo(200);
        assertThat(server.getAs(token, "/api/price-proposals").status()).isEqualTo(401);
        assertThat(server.post("/api/users/leaving/token", Role.ADMIN, "").json().get("code").asText())
                .isEqualTo("already_revoked");
        assertThat(server.post("/api/users/test-admin/revoke", Role.ADMIN, "").json().get("code").asText())
                .isEqualTo("self_revoke");
        assertThat(server.post("/api/users/nobody/revoke", Role.ADMIN, "").status()).isEqualTo(404);
        assertThat(events("user_revoked")).isNotEmpty();
    }

    @Test
    void aTokenStopsWorkingWhenItExpires() {
        String token = server.post("/api/users", Role.ADMIN, "{\"name\": \"temp\", \"roles\": [\"gm\"], "
                + "\"expiresInDays\": 2}").json().get("token").asText();
        assertThat(server.getAs(token, "/api/approvals").status()).isEqualTo(200);
        CLOCK.add(Duration.ofDays(2));
        try {
            assertThat(server.getAs(token, "/api/approvals").status()).isEqualTo(401);
        } finally {
            CLOCK.add(Duration.ofDays(-2));
        }
    }

    @Test
    void aTokenRowDeletedByHandStopsWorkingOnceItsRememberingRunsOut() {
        String token = server.post("/api/users", Role.ADMIN, "{\"name\": \"by-hand\", \"roles\": [\"gm\"]}").json()
                .get("token").asText();
        assertThat(server.getAs(token, "/api/approvals").status()).isEqualTo(200);
        server.sql("delete from api_tokens where user_id = (select id from users where name = 'by-hand')");
        CLOCK.add(Duration.ofSeconds(31));
        try {
            assertThat(server.getAs(token, "/api/approvals").status()).isEqualTo(401);
        } finally {
            CLOCK.add(Duration.ofSeconds(-31));
        }
    }

    @Test
    void badUserRequestsAreRefusedFieldByField() {
        var answer = server.post("/api/users", Role.ADMIN, "{\"name\": \"x\", \"roles\": [\"ceo\"], "
                + "\"expiresInDays\": 0}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().findValuesAsText("field")).contains("roles", "expiresInDays");
        assertThat(server.post("/api/users", Role.ADMIN, "{\"name\": \"bad name!\", \"roles\": [\"gm\"]}").json()
                .get("code").asText()).isEqualTo("invalid_name");
        assertThat(server.post("/api/users", Role.ADMIN, "{\"name\": \"test-gm\", \"roles\": [\"gm\"]}").status())
                .isEqualTo(409);
    }

    @Test
    void theCommandLineChangesUsersWhileTheServerRunsAndTheServerAppliesItOnItsOwnTurn() {
        String db = server.folder().resolve("governor.db").toString();
        Output added = run("users", "add", "--name", "cli-user", "--role", "finance", "--db", db);
        assertThat(added.exitCode()).as(added.err()).isZero();
        String token = added.lastLine();
        assertThat(server.getAs(token, "/api/price-proposals").status()).isEqualTo(200);

        Output rotated = run("users", "token", "--name", "cli-user", "--expires-in", "30", "--db", db);
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(server.getAs(token, "/api/price-proposals").status()).isEqualTo(401);
        String fresh = rotated.lastLine();
        assertThat(server.getAs(fresh, "/api/price-proposals").status()).isEqualTo(200);

        Output revoked = run("users", "revoke", "--name", "cli-user", "--db", db);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(server.getAs(fresh, "/api/price-proposals").status()).isEqualTo(401);

        Output list = run("users", "list", "--db", db);
        assertThat(list.out()).contains("cli-user").contains("revoked");
        Output unknown = run("users", "revoke", "--name", "nobody", "--db", db);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no user named 'nobody'");

        assertThat(events("user_created")).anySatisfy(event -> assertThat(event.at("/via").asText())
                .startsWith("command line"));
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(user -> user.get("name").asText()).toList();
    }

    /** The details of the audit events named {@code event}, read from the SQLite file. */
    private static List<JsonNode> events(String event) {
        List<JsonNode> found = new java.util.ArrayList<>();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + server.folder().resolve("governor.db"));
             var query = connection.prepareStatement("select detail from audit_events where event = ?")) {
            query.setString(1, event);
            var rows = query.executeQuery();
            while (rows.next()) {
                found.add(dev.governor.core.Json.MAPPER.readTree(rows.getString(1)));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    record Output(int exitCode, String out, String err) {
        String lastLine() {
            List<String> lines = out.lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var line = Main.commandLine();
        line.setOut(new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        line.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int exitCode = line.execute(args);
        return new Output(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
