package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Price checks and proposals over real HTTP. */
class PriceApiTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static String price(String sku, String channel, String price) {
        return """
                {"sku": "%s", "channel": "%s", "price": %s, "effectiveFrom": "2026-12-01"}
                """.formatted(sku, channel, price);
    }

    @Test
    void checkAnswersVerdictFindingsMarginsAndVersion() {
        var answer = server.post("/api/price-checks", Role.MARKETPLACE_LEAD, price("TEA-001", "amazon-us", "21.99"));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("verdict").asText()).isEqualTo("APPROVED");
        assertThat(body.get("findings").get(0).get("code").asText()).isEqualTo("PARITY_DTC_UNDERCUT");
        assertThat(body.get("findings").get(0).get("source").get("workbook").asText())
                .isEqualTo("decision-tables/pricing/price-policy.drl.xlsx");
        assertThat(body.get("margins").get(0).get("cmPerUnit").decimalValue()).isEqualByComparingTo("8.43");
        assertThat(body.get("margins").get(0).get("breakEvenRoas").decimalValue()).isEqualByComparingTo("2.61");
        assertThat(body.get("rulesetVersion").asText()).isEqualTo(ShippedRuleset.get().hash());
        assertThat(body.has("id")).isFalse();
    }

    @Test
    void priceEqualToMapPassesAndOneCentBelowIsRejected() {
        var atMap = server.post("/api/price-checks", Role.DTC_LEAD, price("TEA-001", "dtc-webstore", "17.99")).json();
        assertThat(atMap.toString()).doesNotContain("MAP_VIOLATION");
        var below = server.post("/api/price-checks", Role.DTC_LEAD, price("TEA-001", "dtc-webstore", "17.98")).json();
        assertThat(below.get("verdict").asText()).isEqualTo("REJECTED");
        assertThat(below.toString()).contains("MAP_VIOLATION");
    }

    @Test
    void checkStoresNothing() {
        long before = server.get("/api/price-proposals", Role.REVENUE_OPS).json().get("total").asLong();
        server.post("/api/price-checks", Role.DTC_LEAD, price("TEA-002", "dtc-webstore", "23.99"));
        assertThat(server.get("/api/price-proposals", Role.REVENUE_OPS).json().get("total").asLong()).isEqualTo(before);
    }

    @Test
    void proposalIsRecordedAndReadBack() {
        var created = server.post("/api/price-proposals", Role.DTC_LEAD, price("COF-002", "dtc-webstore", "19.99"));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        var read = server.get("/api/price-proposals/" + id, Role.REVENUE_OPS);
        assertThat(read.status()).isEqualTo(200);
        JsonNode body = read.json();
        assertThat(body.get("kind").asText()).isEqualTo("PRICE");
        assertThat(body.get("requestedBy").asText()).isEqualTo("test-dtc_lead");
        assertThat(body.get("verdict").asText()).isEqualTo(created.json().get("verdict").asText());
        assertThat(body.get("status").asText()).isEqualTo(body.get("verdict").asText());
        assertThat(body.get("rulesetVersion").asText()).isEqualTo(ShippedRuleset.get().hash());
        assertThat(body.get("request").get("price").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(body.get("createdAt").asText()).endsWith("Z");
    }

    @Test
    void listFiltersByStatusChannelAndSkuAndPages() {
        server.post("/api/price-proposals", Role.MARKETPLACE_LEAD, price("COC-001", "amazon-us", "1.00"));
        server.post("/api/price-proposals", Role.MARKETPLACE_LEAD, price("COC-001", "amazon-us-fbm", "1.00"));
        server.post("/api/price-proposals", Role.MARKETPLACE_LEAD, price("COC-002", "amazon-us", "1.00"));
        JsonNode rejectedCocoa = server.get("/api/price-proposals?status=REJECTED&sku=COC-001", Role.GM).json();
        assertThat(rejectedCocoa.get("total").asLong()).isEqualTo(2);
        JsonNode oneChannel = server.get("/api/price-proposals?sku=COC-001&channel=amazon-us", Role.GM).json();
        assertThat(oneChannel.get("total").asLong()).isEqualTo(1);
        JsonNode firstPage = server.get("/api/price-proposals?status=REJECTED&size=1&page=2", Role.GM).json();
        assertThat(firstPage.get("items")).hasSize(1);
        assertThat(firstPage.get("page").asInt()).isEqualTo(2);
        String today = java.time.LocalDate.ofInstant(TestServer.WRITTEN_ON, java.time.ZoneOffset.UTC).toString();
        assertThat(server.get("/api/price-proposals?from=" + today + "&to=" + today + "&sku=COC-002", Role.GM)
                .json().get("total").asLong()).isEqualTo(1);
        assertThat(server.get("/api/price-proposals?to=2020-01-01&sku=COC-002", Role.GM).json().get("total").asLong())
                .isZero();
    }

    @Test
    void concurrentChecksGetTheSameAnswersAsOneByOne() throws Exception {
        List<String> bodies = List.of(price("TEA-001", "amazon-us", "21.99"), price("TEA-001", "amazon-us", "17.98"),
                price("COF-001", "amazon-us", "29.99"), price("GFT-004", "amazon-us", "35.00"));
        List<JsonNode> expected = bodies.stream()
                .map(body -> server.post("/api/price-checks", Role.MARKETPLACE_LEAD, body).json()).toList();
        // as many at once as the load test's connections: most wait, and are evaluated in groups
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                int which = i % bodies.size();
                answers.add(pool.submit(() -> server.post("/api/price-checks", Role.MARKETPLACE_LEAD, bodies.get(which))
                        .json().equals(expected.get(which))));
            }
            for (Future<Boolean> answer : answers) {
                assertThat(answer.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownProposalIsA404Problem() {
        var answer = server.get("/api/price-proposals/999999", Role.GM);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("code").asText()).isEqualTo("proposal_not_found");
    }

    @Test
    void healthNeedsNoToken() {
        var answer = server.get("/health", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("ok");
    }
}
