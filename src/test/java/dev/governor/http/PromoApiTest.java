package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Promo checks and proposals over real HTTP, including the history look-ups against recorded promos. */
class PromoApiTest {

    /** Written on 1 November, so the promos below, from the 10th on, all lie ahead. */
    @RegisterExtension
    static final TestServer server = new TestServer().withClock(java.time.Clock.fixed(
            java.time.Instant.parse("2026-11-01T15:00:00Z"), java.time.ZoneOffset.UTC));

    static String promo(String channel, String skus, String discount, String start, String end) {
        return """
                {"channel": "%s", "skus": [%s], "discountPercent": %s, "start": "%s", "end": "%s", "type": "coupon"}
                """.formatted(channel, skus, discount, start, end);
    }

    @Test
    void categoryPromoIsCheckedPerSku() {
        var answer = server.post("/api/promo-checks", Role.DTC_LEAD, """
                {"channel": "dtc-webstore", "category": "tea", "discountPercent": 25,
                 "start": "2026-11-27", "end": "2026-12-01", "type": "sitewide_sale"}""");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("margins")).hasSize(10);
        assertThat(body.get("margins").get(0).get("price").decimalValue()).isEqualByComparingTo("18.74");
        assertThat(body.toString()).contains("PROMO_OUTSIDE_WINDOW", "PROMO_TOO_DEEP", "PROMO_BLACKOUT");
        assertThat(body.get("verdict").asText()).isEqualTo("REJECTED");
    }

    @Test
    void approvedPromoBlocksAnOverlappingOneOnTheSameChannel() {
        var first = server.post("/api/promo-proposals", Role.MARKETPLACE_LEAD,
                promo("amazon-us", "\"COF-003\"", "20", "2026-11-20", "2026-11-25"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("verdict").asText()).isEqualTo("APPROVED");
        var second = server.post("/api/promo-checks", Role.MARKETPLACE_LEAD,
                promo("amazon-us", "\"COF-003\"", "20", "2026-11-25", "2026-11-27")).json();
        assertThat(second.get("verdict").asText()).isEqualTo("REJECTED");
        assertThat(second.toString()).contains("PROMO_STACKING", "#" + first.json().get("id").asText());
    }

    @Test
    void approvedPromoOnTheOtherEngineRaisesAConflictWarning() {
        server.post("/api/promo-proposals", Role.MARKETPLACE_LEAD,
                promo("amazon-us", "\"COF-004\"", "15", "2026-11-20", "2026-11-30"));
        var dtc = server.post("/api/promo-checks", Role.DTC_LEAD,
                promo("dtc-webstore", "\"COF-004\"", "30", "2026-11-27", "2026-11-30")).json();
        assertThat(dtc.toString()).contains("PROMO_CHANNEL_CONFLICT");
    }

    @Test
    void rejectedPromosDoNotCountInHistory() {
        var rejected = server.post("/api/promo-proposals", Role.MARKETPLACE_LEAD,
                promo("amazon-us", "\"COF-005\"", "20", "2026-11-10", "2026-11-25"));
        assertThat(rejected.json().get("verdict").asText()).isEqualTo("REJECTED");
        var next = server.post("/api/promo-checks", Role.MARKETPLACE_LEAD,
                promo("amazon-us", "\"COF-005\"", "20", "2026-11-20", "2026-11-25")).json();
        assertThat(next.toString()).doesNotContain("PROMO_STACKING");
    }

    @Test
    void proposalIsReadBackAndListedBySku() {
        var created = server.post("/api/promo-proposals", Role.DTC_LEAD,
                promo("dtc-webstore", "\"ACC-003\", \"ACC-004\"", "10", "2026-12-05", "2026-12-10"));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        JsonNode read = server.get("/api/promo-proposals/" + id, Role.FINANCE).json();
        assertThat(read.get("skus")).hasSize(2);
        assertThat(read.get("request").get("discountPercent").decimalValue()).isEqualByComparingTo("10");
        JsonNode listed = server.get("/api/promo-proposals?sku=ACC-004", Role.FINANCE).json();
        assertThat(listed.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(server.get("/api/price-proposals/" + id, Role.FINANCE).status()).isEqualTo(404);
    }

    @Test
    void skuWithoutACurrentPriceIsNamed() {
        server.put("/api/catalog/prices?confirm=remove", Role.FINANCE, shippedPrices().lines()
                .filter(line -> !line.startsWith("TEA-002,")).reduce("", (all, line) -> all + line + "\n"), "text/csv");
        try {
            var answer = server.post("/api/promo-checks", Role.DTC_LEAD,
                    promo("dtc-webstore", "\"TEA-002\"", "10", "2026-11-27", "2026-11-30"));
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json().get("errors").get(0).get("code").asText()).isEqualTo("no_current_price");
        } finally {
            server.put("/api/catalog/prices", Role.FINANCE, shippedPrices(), "text/csv");
        }
    }

    static String shippedPrices() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("samples/reference/prices.csv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
