package dev.governor.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Proposing submits proposals that wait for a decision, over HTTP, and finds their approval requests. */
final class Proposing {

    private final TestServer server;

    Proposing(TestServer server) {
        this.server = server;
    }

    BigDecimal currentPrice(String sku, String channel) {
        for (JsonNode item : server.get("/api/catalog/products", Role.REVENUE_OPS).json()) {
            if (item.get("product").get("sku").asText().equals(sku)) {
                return item.get("prices").get(channel).decimalValue();
            }
        }
        throw new AssertionError("no product " + sku);
    }

    /** A DTC price 20 % above the current one (the step limit is 15 %), so it needs the GM's approval. */
    static String raise(String sku, BigDecimal current, String effectiveFrom) {
        BigDecimal price = current.multiply(new BigDecimal("1.2")).setScale(2, RoundingMode.HALF_UP);
        return """
                {"sku": "%s", "channel": "dtc-webstore", "price": %s, "effectiveFrom": "%s"}
                """.formatted(sku, price.toPlainString(), effectiveFrom);
    }

    /** Submits a pending DTC price raise as the holder of {@code token}; answers the proposal. */
    JsonNode pendingPrice(String token, String sku, String effectiveFrom) {
        var answer = server.postAs(token, "/api/price-proposals", raise(sku, currentPrice(sku, "dtc-webstore"), effectiveFrom));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("verdict").asText()).as(answer.body()).isEqualTo("PENDING_APPROVAL");
        return answer.json();
    }

    JsonNode pendingPrice(String sku, String effectiveFrom) {
        return pendingPrice(server.token(Role.DTC_LEAD), sku, effectiveFrom);
    }

    /** A marketplace promo outside every window (it needs the GM's approval) on one SKU. */
    static String offCalendarPromo(String sku, String start, String end) {
        return """
                {"channel": "amazon-us", "skus": ["%s"], "discountPercent": 15, "start": "%s", "end": "%s", "type": "coupon"}
                """.formatted(sku, start, end);
    }

    JsonNode pendingPromo(String sku, String start, String end) {
        var answer = server.post("/api/promo-proposals", Role.MARKETPLACE_LEAD, offCalendarPromo(sku, start, end));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("verdict").asText()).as(answer.body()).isEqualTo("PENDING_APPROVAL");
        return answer.json();
    }

    /** The id of the approval request of a proposal, as the GM's queue shows it. */
    long requestOf(JsonNode proposal) {
        long proposalId = proposal.get("id").asLong();
        for (JsonNode item : server.get("/api/approvals?status=ALL&size=500", Role.GM).json().get("items")) {
            if (item.get("proposal").get("id").asLong() == proposalId) {
                return item.get("id").asLong();
            }
        }
        throw new AssertionError("no approval request for proposal " + proposalId);
    }

    JsonNode history(JsonNode proposal) {
        return server.get("/api/proposals/" + proposal.get("id").asLong() + "/history", Role.REVENUE_OPS).json();
    }
}
