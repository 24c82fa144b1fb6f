package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A lead repricing a catalog sends many rows at once and gets one answer per row, in order. */
class BatchApiTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void jsonBatchAnswersEveryRowInOrderWithBadRowsNumbered() {
        var answer = server.post("/api/price-checks/batch", Role.MARKETPLACE_LEAD, """
                [{"sku": "TEA-001", "channel": "amazon-us", "price": 21.99, "effectiveFrom": "2026-12-01"},
                 {"sku": "NOPE", "channel": "amazon-us", "price": 21.99, "effectiveFrom": "2026-12-01"},
                 {"sku": "TEA-001", "channel": "amazon-us", "price": 17.98, "effectiveFrom": "2026-12-01"},
                 {"sku": "TEA-001", "channel": "dtc-webstore", "price": 21.99, "effectiveFrom": "2026-12-01"},
                 "not an object"]""");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        JsonNode results = body.get("results");
        assertThat(results).hasSize(5);
        assertThat(results.get(0).get("row").asInt()).isEqualTo(1);
        assertThat(results.get(0).get("verdict").asText()).isEqualTo("APPROVED");
        assertThat(results.get(1).get("errors").get(0).get("code").asText()).isEqualTo("unknown_sku");
        assertThat(results.get(1).get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(results.get(2).get("verdict").asText()).isEqualTo("REJECTED");
        assertThat(results.get(3).get("errors").get(0).get("code").asText()).isEqualTo("forbidden_role");
        assertThat(results.get(4).get("errors").get(0).get("code").asText()).isEqualTo("invalid_row");
        assertThat(body.get("summary").get("INVALID").asInt()).isEqualTo(3);
        assertThat(body.get("rulesetVersion").asText()).hasSize(64);
    }

    @Test
    void csvAsExportedFromASpreadsheetIsAccepted() {
        String csv = "\uFEFFsku;channel;price;effective_from\r\n"
                + "TEA-001;amazon-us;21.99;2026-12-01\r\n"
                + "TEA-002;amazon-us;abc;2026-12-01\r\n"
                + "COF-001;amazon-us;15.99;2026-12-01\r\n";
        var answer = server.post("/api/price-checks/batch", Role.MARKETPLACE_LEAD, csv, "text/csv");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode results = answer.json().get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("row").asInt()).isEqualTo(2);
        assertThat(results.get(1).get("row").asInt()).isEqualTo(3);
        assertThat(results.get(1).get("errors").get(0).get("field").asText()).isEqualTo("price");
        assertThat(results.get(2).get("findings").toString()).contains("MAP_VIOLATION");
    }

    @Test
    void batchLargerThanOneRulesSessionKeepsRowsInOrder() {
        StringBuilder csv = new StringBuilder("sku,channel,price,effectiveFrom\n");
        for (int i = 0; i < 4_500; i++) {
            csv.append(i % 2 == 0 ? "TEA-001" : "COF-001").append(",amazon-us,").append(i % 3 == 0 ? "9.99" : "21.99")
                    .append(",2026-12-01\n");
        }
        JsonNode results = server.post("/api/price-checks/batch", Role.MARKETPLACE_LEAD, csv.toString(), "text/csv")
                .json().get("results");
        assertThat(results).hasSize(4_500);
        for (int i = 0; i < 4_500; i++) {
            JsonNode row = results.get(i);
            assertThat(row.get("row").asInt()).isEqualTo(i + 2);
            assertThat(row.get("sku").asText()).isEqualTo(i % 2 == 0 ? "TEA-001" : "COF-001");
            if (i % 3 == 0) {
                assertThat(row.get("verdict").asText()).as("row %d below MAP", i + 2).isEqualTo("REJECTED");
            } else {
                assertThat(row.get("verdict").asText()).as("row %d above MAP", i + 2).isNotEqualTo("REJECTED");
            }
        }
    }

    @Test
    void emptyBatchIsAProblem() {
        assertThat(server.post("/api/price-checks/batch", Role.MARKETPLACE_LEAD, "[]").json().get("code").asText())
                .isEqualTo("empty_batch");
        assertThat(server.post("/api/price-checks/batch", Role.MARKETPLACE_LEAD, "{}").json().get("code").asText())
                .isEqualTo("malformed_json");
    }
}
