package dev.governor.http;

import dev.governor.TestServer;
import dev.governor.auth.Role;
import dev.governor.budget.IsoWeek;
import dev.governor.core.Bound;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extreme accepted value of every field is stored, and then every list, history, queue and item
 * that shows it answers 200: no accepted number or text can make a record unreadable.
 */
class ExtremeValuesApiTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void theExtremeAcceptedValueOfEveryFieldIsStoredAndEveryReadAnswers200() {
        String longText = "n".repeat(Bound.FREE_TEXT);
        List<String> reads = new ArrayList<>();

        var highest = created(server.post("/api/price-proposals", Role.DTC_LEAD, "{\"sku\": \"TEA-001\", \"channel\": "
                + "\"dtc-webstore\", \"price\": 1000000000, \"adCostPerUnit\": 999999999.9999, \"effectiveFrom\": "
                + "\"2100-12-31\"}"));
        var lowest = created(server.post("/api/price-proposals", Role.MARKETPLACE_LEAD, "{\"sku\": \"TEA-001\", "
                + "\"channel\": \"amazon-us\", \"price\": \"0.01\", \"adCostPerUnit\": 0, \"effectiveFrom\": "
                + "\"2099-12-31\"}"));
        var promo = created(server.post("/api/promo-proposals", Role.DTC_LEAD, "{\"channel\": \"dtc-webstore\", "
                + "\"skus\": [\"ACC-003\"], \"discountPercent\": 99.99, \"start\": \"2099-12-31\", \"end\": "
                + "\"2100-12-31\", \"type\": \"sitewide_sale\"}"));
        for (long id : List.of(highest, lowest)) {
            reads.add("/api/price-proposals/" + id);
            reads.add("/api/proposals/" + id + "/history");
        }
        reads.add("/api/promo-proposals/" + promo);
        reads.add("/api/proposals/" + promo + "/history");

        var allocation = created(server.post("/api/allocations", Role.OPERATIONS, "{\"sku\": \"TEA-003\", "
                + "\"horizonWeeks\": 52, \"available\": 10000000, \"channels\": [{\"channel\": \"amazon-us\", "
                + "\"weeklyForecast\": 1000000, \"onHand\": 10000000, \"committed\": 10000000}, {\"channel\": "
                + "\"dtc-webstore\", \"weeklyForecast\": 999999.99, \"onHand\": 0}], \"override\": {\"amazon-us\": "
                + "10000000, \"dtc-webstore\": 0}, \"note\": \"" + longText + "\"}"));
        reads.add("/api/allocations/" + allocation);

        String week = IsoWeek.of(LocalDate.now(ZoneOffset.UTC).plusWeeks(2)).toString();
        var shift = created(server.post("/api/budget-shifts", Role.DTC_LEAD, "{\"week\": \"" + week + "\", "
                + "\"fromLine\": \"meta-prospecting\", \"toLine\": \"google-shopping\", \"amount\": 100000000, "
                + "\"marginalRoas\": 1000, \"evidence\": {\"kind\": \"holdout\", \"reference\": \"" + "r".repeat(200)
                + "\", \"measuredLiftPercent\": 1000}, \"note\": \"" + longText + "\"}"));
        reads.add("/api/budget-shifts/" + shift);
        reads.add("/api/budget-shifts/" + shift + "/history");
        reads.add("/api/budget/weeks/" + week);

        // the pending requests: the longest comment on each, and one rejected with the longest reason
        var queue = server.get("/api/approvals?status=PENDING", Role.GM).json().get("items");
        assertThat(queue.size()).isPositive();
        for (var item : queue) {
            long request = item.get("id").asLong();
            assertThat(server.post("/api/approvals/" + request + "/comments", Role.GM,
                    "{\"comment\": \"" + longText + "\"}").status()).isBetween(200, 201);
            reads.add("/api/approvals/" + request);
        }
        long first = queue.get(0).get("id").asLong();
        var rejected = server.post("/api/approvals/" + first + "/reject", Role.GM, "{\"reason\": \"" + longText + "\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);

        reads.addAll(List.of("/api/price-proposals", "/api/promo-proposals", "/api/approvals?status=ALL",
                "/api/approvals", "/api/feed", "/api/allocations", "/api/budget-shifts", "/api/audit/verify"));
        for (String path : reads) {
            for (Role role : List.of(Role.GM, Role.REVENUE_OPS, Role.DTC_LEAD)) {
                var answer = server.get(path, role);
                assertThat(answer.status()).as(path + " as " + role + ": " + answer.body()).isEqualTo(200);
                TestServer.assertPlainNumbers(answer.json(), path);
            }
        }
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
    }

    private static long created(TestServer.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }
}
