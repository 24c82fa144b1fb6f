package dev.governor.store;

import dev.governor.accounts.AccountsCommandLine;
import dev.governor.auth.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A proposal and a budget shift answered 201 survive the service being killed with SIGKILL the next instant. */
class DurabilityTest {

    private static final Pattern SERVING = Pattern.compile("serving on http://localhost:(\\d+)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void proposalAndBudgetShiftAnswered201SurviveKillDashNine() throws Exception {
        Path db = folder.resolve("governor.db");
        String token;
        token = AccountsCommandLine.add(db, "lead", EnumSet.of(Role.DTC_LEAD, Role.GM), null, null).token();
        long id;
        String recorded;
        String week = dev.governor.budget.IsoWeek.of(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusWeeks(2))
                .toString();
        long shiftId;
        String shift;
        Service first = Service.start(db);
        try {
            HttpResponse<String> shifted = CLIENT.send(HttpRequest.newBuilder(first.uri("/api/budget-shifts"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"week\":\"" + week + "\",\"fromLine\":\"meta-prospecting\","
                            + "\"toLine\":\"google-shopping\",\"amount\":1000,\"marginalRoas\":3.1}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(shifted.statusCode()).as(shifted.body()).isEqualTo(201);
            shiftId = dev.governor.core.Json.MAPPER.readTree(shifted.body()).get("id").asLong();
            shift = shifted.body();
            HttpResponse<String> created = CLIENT.send(HttpRequest.newBuilder(first.uri("/api/price-proposals"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"sku\":\"TEA-001\",\"channel\":\"dtc-webstore\",\"price\":23.49,\"effectiveFrom\":\""
                                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(7) + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            first.kill();
            id = dev.governor.core.Json.MAPPER.readTree(created.body()).get("id").asLong();
            recorded = created.body();
        } finally {
            first.kill();
        }
        Service second = Service.start(db);
        try {
            HttpResponse<String> read = CLIENT.send(HttpRequest.newBuilder(second.uri("/api/price-proposals/" + id))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(dev.governor.core.Json.MAPPER.readTree(read.body()))
                    .isEqualTo(dev.governor.core.Json.MAPPER.readTree(recorded));
            HttpResponse<String> readShift = CLIENT.send(HttpRequest.newBuilder(second.uri("/api/budget-shifts/" + shiftId))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(dev.governor.core.Json.MAPPER.readTree(readShift.body()))
                    .isEqualTo(dev.governor.core.Json.MAPPER.readTree(shift));
            HttpResponse<String> weekView = CLIENT.send(HttpRequest.newBuilder(second.uri("/api/budget/weeks/" + week))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(weekView.body()).contains("\"line\":\"meta-prospecting\"").contains("\"movedOut\":1000.00");
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
