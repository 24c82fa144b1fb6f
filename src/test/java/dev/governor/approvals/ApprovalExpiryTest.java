package dev.governor.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/** Time passing: pending requests expire (effective date passed, or the table's days), and approved prices take effect on their date. */
class ApprovalExpiryTest {

    static final MutableClock CLOCK = MutableClock.of(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final TestServer server = new TestServer().withClock(CLOCK);

    private final Proposing proposing = new Proposing(server);

    private static boolean inQueue(long request) {
        return StreamSupport.stream(server.get("/api/approvals", Role.GM).json().get("items").spliterator(), false)
                .anyMatch(item -> item.get("id").asLong() == request);
    }

    @Test
    void requestsExpireWhenTheirDateHasPassedOrAfterTheTablesDaysAndApprovedPricesWaitForTheirDate() {
        // effective on the 24th: expires when the 24th has passed in New York
        JsonNode soon = proposing.pendingPrice("TEA-001", "2026-11-24");
        long soonRequest = proposing.requestOf(soon);
        // effective in months: expires after the RACI table's 7 days
        JsonNode later = proposing.pendingPrice("TEA-002", "2027-03-01");
        long laterRequest = proposing.requestOf(later);
        // approved now, effective on the 26th: current only from then
        JsonNode scheduled = proposing.pendingPrice("TEA-003", "2026-11-26");
        assertThat(server.post("/api/approvals/" + proposing.requestOf(scheduled) + "/approve", Role.GM, "{}").status())
                .isEqualTo(200);
        assertThat(proposing.currentPrice("TEA-003", "dtc-webstore")).isEqualByComparingTo("20.99");
        var checkOnThe26th = server.post("/api/price-checks", Role.DTC_LEAD,
                "{\"sku\": \"TEA-003\", \"channel\": \"dtc-webstore\", \"price\": 25.19, \"effectiveFrom\": \"2026-11-26\"}").json();
        assertThat(checkOnThe26th.toString()).as("the scheduled price is the one in force on the 26th")
                .doesNotContain("PRICE_CHANGE_TOO_LARGE");

        CLOCK.add(Duration.ofDays(2).plusHours(10)); // 2026-11-25T01:00Z is still the 24th in New York
        server.governor().sweep();
        assertThat(inQueue(soonRequest)).isTrue();
        CLOCK.add(Duration.ofHours(5)); // 06:00Z: the 25th in New York
        assertThat(inQueue(soonRequest)).as("an overdue request leaves the queue before the sweep").isFalse();
        assertThat(server.governor().sweep()).isEqualTo(1);
        assertThat(server.get("/api/approvals/" + soonRequest, Role.GM).json().get("status").asText()).isEqualTo("EXPIRED");
        assertThat(server.get("/api/price-proposals/" + soon.get("id").asLong(), Role.GM).json().get("status").asText())
                .isEqualTo("EXPIRED");
        var late = server.post("/api/approvals/" + soonRequest + "/approve", Role.GM, "{}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("code").asText()).isEqualTo("already_decided");
        assertThat(proposing.history(soon).toString()).contains("\"event\":\"expired\"");
        assertThat(server.get("/api/feed", Role.OPERATIONS).body()).contains("expired");

        CLOCK.add(Duration.ofDays(1)); // the 26th
        server.governor().sweep();
        assertThat(proposing.currentPrice("TEA-003", "dtc-webstore")).isEqualByComparingTo("25.19");

        assertThat(inQueue(laterRequest)).isTrue();
        CLOCK.add(Duration.ofDays(4)); // seven days after submission
        var expiredOnApproval = server.post("/api/approvals/" + laterRequest + "/approve", Role.GM, "{}");
        assertThat(expiredOnApproval.status()).as("an approval after the deadline expires the request instead").isEqualTo(409);
        assertThat(expiredOnApproval.json().get("code").asText()).isEqualTo("approval_expired");
        assertThat(server.get("/api/approvals/" + laterRequest, Role.GM).json().get("status").asText()).isEqualTo("EXPIRED");
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
    }
}
