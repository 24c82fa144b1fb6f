package dev.governor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.auth.Role;
import dev.governor.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * TestServer runs the real Governor on a random port over a fresh SQLite file in a temp folder,
 * with one user per role, and speaks HTTP to it with the JDK client. Register it with
 * {@code @RegisterExtension static final TestServer server = new TestServer();} for one server per test class.
 */
public final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    /** Answer is an HTTP answer: status, content type and body (parsed when it is JSON). */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final boolean demoUsers;
    /** The day the tests' requests are written for (their dates lie ahead of it), unless a test sets its own clock. */
    public static final java.time.Instant WRITTEN_ON = java.time.Instant.parse("2026-11-22T15:00:00Z");

    private java.time.Clock clock = java.time.Clock.fixed(WRITTEN_ON, java.time.ZoneOffset.UTC);
    private dev.governor.ruleset.Ruleset ruleset;
    private final Map<Role, String> tokens = new EnumMap<>(Role.class);
    private Governor governor;
    private Path folder;

    public TestServer() {
        this(false);
    }

    /** With demo users, the users are the ones {@code serve --demo} creates (named demo-…). */
    public static TestServer withDemoUsers() {
        return new TestServer(true);
    }

    private TestServer(boolean demoUsers) {
        this.demoUsers = demoUsers;
    }

    /** Tells time by this clock (tests move a {@code MutableClock} to see expiry). */
    public TestServer withClock(java.time.Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Starts with this ruleset instead of the shipped one; the caller closes it. */
    public TestServer withRuleset(dev.governor.ruleset.Ruleset ruleset) {
        this.ruleset = ruleset;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the server; returns itself for try-with-resources use outside an extension. */
    public TestServer start() {
        try {
            this.folder = Files.createTempDirectory("governor-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.governor = Governor.start(new Governor.Settings(folder.resolve("governor.db"), Path.of("."), 0),
                ruleset == null ? ShippedRuleset.get() : ruleset, clock);
        if (demoUsers) {
            governor.accounts().createDemoUsersIfEmpty().values()
                    .forEach(created -> tokens.put(created.user().roles().iterator().next(), created.token()));
        } else {
            for (Role role : Role.values()) {
                tokens.put(role, governor.accounts().create(null, "test-" + role.id(), EnumSet.of(role), null).token());
            }
        }
        return this;
    }

    /** Creates another user with these roles and answers their token. */
    public String user(String name, Role... roles) {
        return governor.accounts().create(null, name, EnumSet.copyOf(java.util.List.of(roles)), null).token();
    }

    public Answer getAs(String token, String path) {
        return send(requestAs(token, path).GET().build());
    }

    public Answer postAs(String token, String path, String body) {
        return send(requestAs(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpRequest.Builder requestAs(String token, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + governor.port() + path))
                .header("Authorization", "Bearer " + token);
    }

    /** The HTTP client the server is spoken to with, for answers that are not text. */
    public static HttpClient client() {
        return CLIENT;
    }

    public String token(Role role) {
        return tokens.get(role);
    }

    public Governor governor() {
        return governor;
    }

    public Path folder() {
        return folder;
    }

    public Answer get(String path, Role role) {
        return send(request(path, role).GET().build());
    }

    public Answer post(String path, Role role, String body) {
        return post(path, role, body, "application/json");
    }

    public Answer post(String path, Role role, String body, String contentType) {
        return send(request(path, role).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Answer put(String path, Role role, String body, String contentType) {
        return send(request(path, role).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, Role role) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + governor.port() + path));
        if (role != null) {
            builder.header("Authorization", "Bearer " + tokens.get(role));
        }
        return builder;
    }

    @Override
    public void close() {
        governor.close();
    }

    /** Runs one SQL statement on the server's SQLite file directly, as someone with the file would (tamper tests). */
    public void sql(String statement) {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + folder().resolve("governor.db"));
             var update = connection.createStatement()) {
            update.executeUpdate(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number a one-value query answers, read from the server's SQLite file directly. */
    public long count(String query) {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + folder().resolve("governor.db"));
             var result = connection.createStatement().executeQuery(query)) {
            return result.next() ? result.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that every number in an answer is written plainly: 20000.00, never 2E+4. */
    public static void assertPlainNumbers(com.fasterxml.jackson.databind.JsonNode node, String where) {
        if (node.isNumber()) {
            org.assertj.core.api.Assertions.assertThat(node.toString()).as("a number in %s", where)
                    .doesNotContainIgnoringCase("e");
        }
        node.forEach(child -> assertPlainNumbers(child, where));
    }
}
