package dev.governor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.auth.Role;
import dev.governor.auth.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A proposal answered 201 survives the service being killed with SIGKILL the next instant. */
class DurabilityTest {

    private static final Pattern SERVING = Pattern.compile("serving on http://localhost:(\\d+)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void proposalAnswered201SurvivesKillDashNine() throws Exception {
        Path db = folder.resolve("governor.db");
        String token;
        try (Database database = Database.open(db)) {
            token = new Users(database, Clock.systemUTC()).create("lead", EnumSet.of(Role.DTC_LEAD, Role.GM)).token();
        }
        long id;
        String recorded;
        Service first = Service.start(db);
        try {
            HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(first.uri("/api/price-proposals"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"sku\":\"TEA-001\",\"channel\":\"dtc-webstore\",\"price\":23.49,\"effectiveFrom\":\"2026-12-01\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            first.kill();
            id = dev.governor.http.Json.MAPPER.readTree(created.body()).get("id").asLong();
            recorded = created.body();
        } finally {
            first.kill();
        }
        Service second = Service.start(db);
        try {
            HttpResponse<String> read = CLIENT.send(HttpRequest.newBuilder(second.uri("/api/price-proposals/" + id))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(dev.governor.http.Json.MAPPER.readTree(read.body()))
                    .isEqualTo(dev.governor.http.Json.MAPPER.readTree(recorded));
        } finally {
            second.kill();
        }
    }

    /** Service is the Governor command line running in a child JVM. */
    private record Service(Process process, int port) {

        static Service start(Path db) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "dev.governor.Main", "serve", "--port", "0", "--db", db.toString(), "--home", "."))
                    .redirectErrorStream(true).start();
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            StringBuilder output = new StringBuilder();
            String line;
            while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                output.append(line).append('\n');
                Matcher serving = SERVING.matcher(line);
                if (serving.find()) {
                    Thread drain = new Thread(() -> reader.lines().forEach(ignored -> { }));
                    drain.setDaemon(true);
                    drain.start();
                    return new Service(process, Integer.parseInt(serving.group(1)));
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the service did not start:\n" + output);
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        /** SIGKILL on Linux: no shutdown hook, no flush, no close. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
