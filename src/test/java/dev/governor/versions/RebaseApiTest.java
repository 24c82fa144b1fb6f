package dev.governor.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.Multipart;
import dev.governor.RulesetVariants;
import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A draft built on a version that is no longer in force is never activated as it is: asking for it,
 * approving it, or its scheduled time coming would undo what changed since. It is rebased first — a
 * new draft on the version in force with the files it changed — and a file both sides changed is a
 * conflict named by file.
 */
class RebaseApiTest {

    static final String MAP = "decision-tables/pricing/map.drl.xlsx";
    static final String MARGIN = "decision-tables/pricing/margin.drl.xlsx";

    @RegisterExtension
    static final TestServer server = new TestServer();

    /** Uploads one shipped workbook, edited, as a draft on the version in force. */
    private static long upload(String workbook, Consumer<Sheet> edit) {
        var answer = server.send(server.request("/api/rulesets", Role.FINANCE).header("Content-Type",
                Multipart.CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.body(Map.of(workbook,
                RulesetVariants.edited(ShippedRuleset.files().files().get(workbook), edit))))).build());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    private static long activate(long version) {
        var asked = server.post("/api/rulesets/" + version + "/activation", Role.FINANCE, "{}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        long request = asked.json().get("id").asLong();
        var approved = server.post("/api/approvals/" + request + "/approve", Role.GM, "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return request;
    }

    private static long inForce() {
        return server.get("/api/rulesets/active", Role.REVENUE_OPS).json().get("id").asLong();
    }

    @Test
    void aDraftOnAnOlderVersionIsRebasedBeforeItIsActivatedAndAConflictIsNamed() {
        long base = inForce();
        long map = upload(MAP, sheet -> sheet.getRow(13).getCell(1).setCellValue(41.99));
        long margin = upload(MARGIN, sheet -> sheet.getRow(11).getCell(2).setCellValue(31));
        long rival = upload(MAP, sheet -> sheet.getRow(13).getCell(1).setCellValue(42.99));
        // a draft asked for while its base is in force, but approved only after another version came in
        var pending = server.post("/api/rulesets/" + margin + "/activation", Role.FINANCE, "{}");
        assertThat(pending.status()).as(pending.body()).isEqualTo(201);
        activate(map);
        assertThat(inForce()).isEqualTo(map);

        var lateApproval = server.post("/api/approvals/" + pending.json().get("id").asLong() + "/approve", Role.GM, "{}");
        assertThat(lateApproval.status()).as(lateApproval.body()).isEqualTo(409);
        assertThat(lateApproval.json().get("code").asText()).isEqualTo("rebase_needed");
        assertThat(inForce()).as("the MAP change stays in force").isEqualTo(map);

        var asked = server.post("/api/rulesets/" + margin + "/activation", Role.FINANCE, "{}");
        assertThat(asked.status()).isEqualTo(409);
        JsonNode problem = asked.json();
        assertThat(problem.get("code").asText()).as(asked.body()).isEqualTo("rebase_needed");
        assertThat(problem.at("/details/basedOn").asLong()).as(asked.body()).isEqualTo(base);
        assertThat(problem.at("/details/inForce").asLong()).isEqualTo(map);
        assertThat(problem.at("/details/diff").toString()).as("the diff shows the MAP change it would undo")
                .contains("map.drl.xlsx", "41.99");

        var rebased = server.post("/api/rulesets/" + margin + "/rebase", Role.FINANCE, "{}");
        assertThat(rebased.status()).as(rebased.body()).isEqualTo(201);
        long onTop = rebased.json().get("id").asLong();
        assertThat(rebased.json().get("basedOn").asLong()).isEqualTo(map);
        String diff = server.get("/api/rulesets/" + onTop + "/diff", Role.FINANCE).body();
        assertThat(diff).as("against the version in force only the margin floor changes").contains("margin.drl.xlsx")
                .doesNotContain("map.drl.xlsx");
        activate(onTop);
        assertThat(inForce()).isEqualTo(onTop);
        var check = server.post("/api/price-checks", Role.MARKETPLACE_LEAD, "{\"sku\": \"GFT-004\", \"channel\": "
                + "\"amazon-us\", \"price\": 40.99, \"effectiveFrom\": \"2026-12-01\"}");
        assertThat(check.body()).as("the MAP raised to 41.99 is still in force").contains("MAP_VIOLATION");

        var conflict = server.post("/api/rulesets/" + rival + "/rebase", Role.FINANCE, "{}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").asText()).isEqualTo("rebase_conflict");
        assertThat(conflict.json().at("/details/files").toString()).contains(MAP);
        assertThat(server.post("/api/rulesets/" + onTop + "/rebase", Role.FINANCE, "{}").json().get("code").asText())
                .isEqualTo("not_a_draft");
        assertThat(server.post("/api/rulesets/" + margin + "/rebase", Role.MARKETPLACE_LEAD, "{}").status())
                .isEqualTo(403);
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
    }

    /** The same rebase asked twice at once records one draft; the other answer is 409 no_change. */
    @Test
    void twoRebasesOfOneDraftAtOnceRecordOneDraft() throws Exception {
        long stale = upload(MARGIN, sheet -> sheet.getRow(11).getCell(2).setCellValue(33));
        activate(upload(MAP, sheet -> sheet.getRow(13).getCell(1).setCellValue(44.99)));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<TestServer.Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return server.post("/api/rulesets/" + stale + "/rebase", Role.FINANCE, "{}");
                }));
            }
            start.countDown();
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                TestServer.Answer done = answer.get(120, java.util.concurrent.TimeUnit.SECONDS);
                statuses.add(done.status());
                if (done.status() == 409) {
                    assertThat(done.json().get("code").asText()).isEqualTo("no_change");
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
    }
}
