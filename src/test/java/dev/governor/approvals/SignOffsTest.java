package dev.governor.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.RulesetVariants;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import dev.governor.ruleset.Ruleset;
import dev.governor.tools.ShippedWorkbooks;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/** Finance changes the RACI table, with no Java change: DTC price changes now need two different GMs, and finance co-signs marketplace margin exceptions. */
class SignOffsTest {

    static final Ruleset TWO_SIGN_OFFS = twoSignOffs();

    @RegisterExtension
    static final TestServer server = new TestServer().withRuleset(TWO_SIGN_OFFS)
            .withClock(MutableClock.of(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC));

    private final Proposing proposing = new Proposing(server);

    static Ruleset twoSignOffs() {
        List<Object[]> rows = new ArrayList<>();
        // the shipped DTC price row, with two sign-offs: a second row below it could never apply
        for (Object[] row : ShippedWorkbooks.shippedRaciRows()) {
            boolean dtcPrice = row[0].equals("PRICE_CHANGE") && row[1].equals("DTC") && row[2].equals("")
                    && row[3].equals("");
            rows.add(dtcPrice ? new Object[] {"PRICE_CHANGE", "DTC", "", "", "dtc_lead", "gm", 2, "finance", "operations", 7}
                    : row);
        }
        return RulesetVariants.withRaci(rows);
    }

    @AfterAll
    static void closeRuleset() {
        TWO_SIGN_OFFS.close();
    }

    @Test
    void aDecisionNeedingTwoSignOffsNeedsTwoDifferentAccountablePeople() {
        String secondGm = server.user("second-gm", Role.GM);
        JsonNode proposal = proposing.pendingPrice("TEA-001", "2026-12-01");
        long request = proposing.requestOf(proposal);

        assertThat(server.post("/api/approvals/" + request + "/approve", Role.FINANCE, "{}").status())
                .as("only the Accountable role counts").isEqualTo(403);
        var first = server.post("/api/approvals/" + request + "/approve", Role.GM, "{\"comment\": \"fine by me\"}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(first.json().get("signOffs").get("required").asInt()).isEqualTo(2);
        assertThat(first.json().get("signOffs").get("given")).hasSize(1);
        var twice = server.post("/api/approvals/" + request + "/approve", Role.GM, "{}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asText()).isEqualTo("already_signed");
        assertThat(proposing.currentPrice("TEA-001", "dtc-webstore")).as("no effect before every sign-off")
                .isEqualByComparingTo("24.99");

        var second = server.postAs(secondGm, "/api/approvals/" + request + "/approve", "{}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(second.json().get("signOffs").get("given")).hasSize(2);
        assertThat(proposing.history(proposal).toString()).contains("\"signOffs\":1", "\"signOffs\":2");
    }

    @Test
    void otherDecisionsKeepTheShippedRoute() {
        JsonNode promo = proposing.pendingPromo("COF-001", "2026-12-05", "2026-12-10");
        var approved = server.post("/api/approvals/" + proposing.requestOf(promo) + "/approve", Role.GM, "{}");
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().get("signOffs").get("required").asInt()).isEqualTo(1);
    }
}
