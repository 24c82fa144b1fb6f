package dev.governor.versions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.Multipart;
import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rules engineer's draft that changes rule code is checked in a child process and recorded with
 * what the child found; its activation follows a route fixed in code — the GM approves, never the
 * one who uploaded it — and its code is not replayed in the service before that. A draft whose code
 * stops the check is refused and the service answers on.
 */
class CodeDraftApiTest {

    static final String PRICING_DRL = VersionApiTest.PRICING_DRL;

    @RegisterExtension
    static final TestServer server = new TestServer();

    static TestServer.Answer upload(String token, String drl) {
        return server.send(server.requestAs(token, "/api/rulesets").header("Content-Type", Multipart.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.body(Map.of(PRICING_DRL,
                        drl.getBytes(StandardCharsets.UTF_8))))).build());
    }

    static String pricingWith(String appended) {
        return new String(ShippedRuleset.files().files().get(PRICING_DRL), StandardCharsets.UTF_8) + appended;
    }

    @Test
    void aCodeDraftIsCheckedInAChildAndOnlyAGmWhoDidNotUploadItActivatesIt() {
        String both = server.user("gm-engineer", Role.GM, Role.RULES_ENGINEER);
        String engineer = server.token(Role.RULES_ENGINEER);
        var draft = upload(both, pricingWith("\n// Policy: reviewed by engineering, December.\n"));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        JsonNode report = draft.json().get("report");
        assertThat(report.at("/code/checkedIn").asText()).isEqualTo("a child process");
        assertThat(report.at("/code/changes/0/code").asText()).isEqualTo("drl_changed");
        assertThat(report.get("examplesFailed").asInt()).isZero();
        long id = draft.json().get("id").asLong();

        // the replay runs the draft's code in a child process too, and the version in force here
        server.post("/api/price-proposals", Role.MARKETPLACE_LEAD, "{\"sku\": \"TEA-001\", \"channel\": "
                + "\"amazon-us\", \"price\": 21.99, \"effectiveFrom\": \"2099-01-04\"}");
        server.post("/api/price-proposals", Role.MARKETPLACE_LEAD, "{\"sku\": \"TEA-001\", \"channel\": "
                + "\"amazon-us\", \"price\": 5.00, \"effectiveFrom\": \"2099-01-04\"}");
        var impact = server.post("/api/rulesets/" + id + "/impact", Role.FINANCE, "{\"last\": 2}");
        assertThat(impact.status()).as(impact.body()).isEqualTo(200);
        assertThat(impact.json().get("replayed").asInt()).isEqualTo(2);
        assertThat(impact.json().get("verdictChanged").asInt()).isZero();
        assertThat(server.post("/api/rulesets/" + id + "/activation", Role.FINANCE, "{}").status()).isEqualTo(403);

        var asked = server.postAs(engineer, "/api/rulesets/" + id + "/activation", "{}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        JsonNode request = asked.json();
        assertThat(request.at("/route/accountable").toString()).isEqualTo("[\"gm\"]");
        assertThat(request.at("/route/source/rule").asText()).contains("fixed in Governor's code");
        // the approver reads the code it approves: the DRL diff and the engine cells changed
        JsonNode shown = server.get("/api/approvals/" + request.get("id").asLong(), Role.GM).json();
        assertThat(shown.at("/activation/codeChanges/rules/0/unified").asText())
                .contains("+// Policy: reviewed by engineering, December.");
        assertThat(shown.at("/activation/codeChanges/engineCells/0/file").asText()).isEqualTo(PRICING_DRL);
        long requestId = request.get("id").asLong();

        var byUploader = server.postAs(both, "/api/approvals/" + requestId + "/approve", "{}");
        assertThat(byUploader.status()).isEqualTo(403);
        assertThat(byUploader.json().get("code").asText()).isEqualTo("uploader_cannot_approve");
        var byGm = server.post("/api/approvals/" + requestId + "/approve", Role.GM, "{}");
        assertThat(byGm.status()).as(byGm.body()).isEqualTo(200);
        assertThat(server.get("/api/rulesets/active", Role.GM).json().get("id").asLong()).isEqualTo(id);
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void aCodeDraftThatStopsItsCheckIsRefusedAndTheServiceAnswersOn() {
        long before = server.count("select count(*) from ruleset_versions");
        var answer = upload(server.token(Role.RULES_ENGINEER), pricingWith("""

                rule "Stop the check"
                when
                    $o : Offer()
                then
                    System.exit(0);
                end
                """));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("code").asText()).isEqualTo("draft_check_failed");
        assertThat(answer.json().get("detail").asText()).contains("stopped");
        assertThat(server.count("select count(*) from ruleset_versions")).isEqualTo(before);
        assertThat(server.get("/health", null).status()).isEqualTo(200);
    }
}
