package dev.governor.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.Multipart;
import dev.governor.RulesetVariants;
import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/** Activation is a governed decision: finance asks, the GM approves, at once or at a stated time; rollback and the GM's emergency rollback; no request fails during the swap. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivationApiTest {

    static final String MAP = "decision-tables/pricing/map.drl.xlsx";
    static final MutableClock CLOCK = MutableClock.of(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC);
    static final String GFT_004_CHECK =
            "{\"sku\": \"GFT-004\", \"channel\": \"amazon-us\", \"price\": 40.99, \"effectiveFrom\": \"2026-12-01\"}";

    @RegisterExtension
    static final TestServer server = new TestServer().withClock(CLOCK);

    static long upload(double gft004Map) {
        byte[] map = RulesetVariants.edited(ShippedRuleset.files().files().get(MAP),
                sheet -> sheet.getRow(13).getCell(1).setCellValue(gft004Map));
        var answer = server.send(server.request("/api/rulesets", Role.FINANCE).header("Content-Type", Multipart.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.body(Map.of(MAP, map)))).build());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    static JsonNode active() {
        return server.get("/api/rulesets/active", Role.REVENUE_OPS).json();
    }

    static String checkVersion(String body) {
        var answer = server.post("/api/price-checks", Role.MARKETPLACE_LEAD, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("rulesetVersion").asText();
    }

    static long askActivation(long version, String body) {
        var asked = server.post("/api/rulesets/" + version + "/activation", Role.FINANCE, body);
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        assertThat(asked.json().get("decisionType").asText()).isEqualTo("RULESET_ACTIVATION");
        assertThat(asked.json().get("activation").get("rulesetVersionId").asLong()).isEqualTo(version);
        return asked.json().get("id").asLong();
    }

    @Test
    @Order(1)
    void financeAsksTheGmApprovesAndTheNewVersionAnswersEveryRequestFromThen() {
        Instant beforeActivation = CLOCK.instant();
        CLOCK.add(Duration.ofMinutes(5));
        long draft = upload(41.99);
        assertThat(server.post("/api/rulesets/" + draft + "/activation", Role.MARKETPLACE_LEAD, "{}").status())
                .as("only the Responsible role asks").isEqualTo(403);
        long request = askActivation(draft, "{}");
        assertThat(server.get("/api/approvals?decisionType=RULESET_ACTIVATION", Role.GM).body()).contains("\"id\":" + request);
        assertThat(server.post("/api/approvals/" + request + "/approve", Role.FINANCE, "{}").status())
                .as("finance asked; the GM approves").isEqualTo(403);
        var approved = server.post("/api/approvals/" + request + "/approve", Role.GM, "{\"comment\": \"go\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");

        JsonNode now = active();
        assertThat(now.get("id").asLong()).isEqualTo(draft);
        String newHash = now.get("hash").asText();
        assertThat(checkVersion(GFT_004_CHECK)).isEqualTo(newHash);
        assertThat(server.post("/api/price-checks", Role.MARKETPLACE_LEAD, GFT_004_CHECK).body()).contains("MAP_VIOLATION");
        JsonNode first = server.get("/api/rulesets/1", Role.REVENUE_OPS).json();
        assertThat(first.get("state").asText()).isEqualTo("RETIRED");
        assertThat(first.get("activeTo").asText()).isNotEmpty();
        // as of before the activation, the shipped version answers
        String asOf = GFT_004_CHECK.replace("}", ", \"asOf\": \"" + beforeActivation + "\"}");
        assertThat(checkVersion(asOf)).isEqualTo(ShippedRuleset.get().hash());
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
        // everyone is informed of an activation
        assertThat(server.get("/api/feed", Role.DTC_LEAD).body()).contains("\"event\":\"activated\"",
                "\"subjectType\":\"RULESET\",\"subjectId\":" + draft);
    }

    @Test
    @Order(2)
    void aVersionWhoseExamplesFailCannotBeAskedForAndAnActiveOneNotTwice() {
        byte[] map = RulesetVariants.edited(ShippedRuleset.files().files().get(MAP),
                sheet -> sheet.getRow(11).getCell(1).setCellValue(18.49));
        long failing = server.send(server.request("/api/rulesets", Role.FINANCE).header("Content-Type", Multipart.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.body(Map.of(MAP, map)))).build())
                .json().get("id").asLong();
        var refused = server.post("/api/rulesets/" + failing + "/activation", Role.FINANCE, "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("examples_failing");
        assertThat(refused.json().get("details").get("failing").get(0).asText()).contains("At the MAP is not below it");
        var twice = server.post("/api/rulesets/" + active().get("id").asLong() + "/activation", Role.FINANCE, "{}");
        assertThat(twice.json().get("code").asText()).isEqualTo("already_active");
        var past = server.post("/api/rulesets/1/activation", Role.FINANCE, "{\"at\": \"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(422);
    }

    @Test
    @Order(3)
    void aScheduledActivationWaitsForItsTimeAndIsTheRollback() {
        String current = active().get("hash").asText();
        Instant at = CLOCK.instant().plus(Duration.ofDays(2));
        long request = askActivation(1, "{\"at\": \"" + at + "\"}");
        assertThat(server.post("/api/approvals/" + request + "/approve", Role.GM, "{}").status()).isEqualTo(200);
        assertThat(server.get("/api/rulesets/1", Role.GM).json().get("state").asText()).isEqualTo("SCHEDULED");
        server.governor().sweep();
        assertThat(active().get("hash").asText()).isEqualTo(current);
        CLOCK.add(Duration.ofDays(2));
        server.governor().sweep();
        assertThat(active().get("id").asLong()).isEqualTo(1);
        assertThat(checkVersion(GFT_004_CHECK)).isEqualTo(ShippedRuleset.get().hash());
    }

    @Test
    @Order(4)
    void theGmAloneRollsBackInAnEmergencyAndItIsRecordedAsSuch() {
        long retired = 0;
        for (JsonNode version : server.get("/api/rulesets", Role.GM).json()) {
            if (version.get("state").asText().equals("RETIRED")) {
                retired = version.get("id").asLong();
            }
        }
        assertThat(server.post("/api/rulesets/" + retired + "/activation", Role.FINANCE,
                "{\"emergency\": true, \"reason\": \"wrong MAP\"}").status()).isEqualTo(403);
        assertThat(server.post("/api/rulesets/" + retired + "/activation", Role.GM, "{\"emergency\": true}").status())
                .isEqualTo(422);
        long neverActive = upload(42.99);
        assertThat(server.post("/api/rulesets/" + neverActive + "/activation", Role.GM,
                "{\"emergency\": true, \"reason\": \"x\"}").json().get("code").asText()).isEqualTo("not_a_rollback");
        var emergency = server.post("/api/rulesets/" + retired + "/activation", Role.GM,
                "{\"emergency\": true, \"reason\": \"the shipped MAP blocks a supplier deal\"}");
        assertThat(emergency.status()).as(emergency.body()).isEqualTo(200);
        assertThat(active().get("id").asLong()).isEqualTo(retired);
    }

    @Test
    @Order(5)
    void noRequestFailsDuringASwapAndEachNamesTheVersionThatAnswered() throws Exception {
        String before = active().get("hash").asText();
        long draft = upload(43.99);
        long request = askActivation(draft, "{}");
        AtomicBoolean running = new AtomicBoolean(true);
        Set<String> versions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Integer>>> loads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            loads.add(pool.submit(() -> {
                List<Integer> failures = new ArrayList<>();
                while (running.get()) {
                    var answer = server.post("/api/price-checks", Role.MARKETPLACE_LEAD, GFT_004_CHECK);
                    if (answer.status() != 200) {
                        failures.add(answer.status());
                    } else {
                        versions.add(answer.json().get("rulesetVersion").asText());
                    }
                }
                return failures;
            }));
        }
        Thread.sleep(300);
        assertThat(server.post("/api/approvals/" + request + "/approve", Role.GM, "{}").status()).isEqualTo(200);
        String after = active().get("hash").asText();
        Thread.sleep(300);
        running.set(false);
        List<Integer> failures = new ArrayList<>();
        for (var load : loads) {
            failures.addAll(load.get());
        }
        pool.shutdown();
        assertThat(failures).isEmpty();
        assertThat(after).isNotEqualTo(before);
        assertThat(versions).containsExactlyInAnyOrder(before, after);
    }
}
