package dev.governor.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/**
 * Dates that have passed: requests at the door refuse them in the channel's time zone, and a proposal
 * for today still gets a day to be decided — approved after its date, a price takes effect at approval.
 */
class PastDatesApiTest {

    /** 03:00 UTC on the 22nd: the 22nd in London, still the 21st in New York and Los Angeles. */
    static final Instant START = Instant.parse("2026-11-22T03:00:00Z");
    static final MutableClock CLOCK = MutableClock.of(START, ZoneOffset.UTC);

    @RegisterExtension
    static final TestServer server = new TestServer().withClock(CLOCK);

    private final Proposing proposing = new Proposing(server);

    /** Each test moves time on its own SKUs, from the same start. */
    @BeforeEach
    void backToTheStart() {
        CLOCK.setInstant(START);
    }

    private static String price(String channel, String sku, String price, String effectiveFrom) {
        return """
                {"sku": "%s", "channel": "%s", "price": %s, "effectiveFrom": "%s"}""".formatted(sku, channel, price,
                effectiveFrom);
    }

    private static void assertInThePast(TestServer.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        JsonNode error = answer.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("code").asText()).isEqualTo("in_the_past");
    }

    @Test
    void checksAndProposalsRefuseADayThatHasPassedOnTheirChannel() {
        // the 21st is today in New York, so a DTC price for the 21st is fine and one for the 20th is not
        assertThat(server.post("/api/price-checks", Role.DTC_LEAD, price("dtc-webstore", "TEA-001", "23.49",
                "2026-11-21")).status()).isEqualTo(200);
        assertInThePast(server.post("/api/price-checks", Role.DTC_LEAD, price("dtc-webstore", "TEA-001", "23.49",
                "2026-11-20")), "effectiveFrom");
        var proposal = server.post("/api/price-proposals", Role.DTC_LEAD, price("dtc-webstore", "TEA-001", "23.49",
                "2026-11-20"));
        assertInThePast(proposal, "effectiveFrom");
        assertThat(proposal.json().get("errors").get(0).get("message").asText())
                .contains("it is 2026-11-21 on dtc-webstore (America/New_York)");
        assertInThePast(server.post("/api/promo-checks", Role.MARKETPLACE_LEAD, Proposing.offCalendarPromo("COF-001",
                "2026-11-20", "2026-11-30")), "start");
        assertInThePast(server.post("/api/promo-proposals", Role.MARKETPLACE_LEAD, Proposing.offCalendarPromo("COF-001",
                "2026-11-20", "2026-11-30")), "start");
        var batch = server.send(server.request("/api/price-checks/batch", Role.DTC_LEAD)
                .header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "sku,channel,price,effectiveFrom\nTEA-001,dtc-webstore,23.49,2026-11-20\n"
                                + "TEA-001,dtc-webstore,23.49,2026-11-21\n")).build());
        assertThat(batch.body()).contains("in_the_past").contains("\"INVALID\":1");
    }

    @Test
    void anAllocationMayStartYesterdayButNotEarlier() {
        String allocation = """
                {"sku": "TEA-003", "available": 640, "horizonWeeks": 4, "start": "%s",
                 "channels": [{"channel": "dtc-webstore", "weeklyForecast": 60, "onHand": 0},
                              {"channel": "amazon-us", "weeklyForecast": 120, "onHand": 0}]}""";
        assertThat(server.post("/api/allocations", Role.OPERATIONS, allocation.formatted("2026-11-21")).status())
                .isEqualTo(201);
        assertInThePast(server.post("/api/allocations", Role.OPERATIONS, allocation.formatted("2026-11-20")), "start");
    }

    @Test
    void aRequestForTodayGetsADayAndAPriceApprovedAfterItsDateTakesEffectAtApproval() {
        JsonNode today = proposing.pendingPrice("TEA-002", "2026-11-21");
        long request = proposing.requestOf(today);
        JsonNode pending = server.get("/api/approvals/" + request, Role.GM).json();
        assertThat(Instant.parse(pending.get("expiresAt").asText()))
                .as("the 21st ends in New York at 05:00 UTC, but a request gets at least a day")
                .isEqualTo(CLOCK.instant().plus(Duration.ofHours(24)));
        assertThat(pending.get("actions").toString()).contains("approve");

        CLOCK.add(Duration.ofHours(20)); // the 22nd in New York: the effective date has passed
        var approved = server.post("/api/approvals/" + request + "/approve", Role.GM, "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode event = StreamSupport.stream(proposing.history(today).get("events").spliterator(), false)
                .filter(item -> item.get("event").asText().equals("approved")).findFirst().orElseThrow();
        assertThat(event.get("detail").get("takesEffect").asText()).isEqualTo(CLOCK.instant().toString());
        assertThat(event.get("detail").get("note").asText()).contains("2026-11-21 had passed");
        assertThat(proposing.currentPrice("TEA-002", "dtc-webstore"))
                .isEqualByComparingTo(today.get("request").get("price").decimalValue());
    }

    @Test
    void aLapsedRequestShowsAsExpiredAtOnceAndTheProposerIsTold() {
        JsonNode proposal = proposing.pendingPrice("COF-002", "2026-11-21");
        long request = proposing.requestOf(proposal);
        CLOCK.add(Duration.ofHours(25));
        JsonNode all = server.get("/api/approvals?status=ALL&size=500", Role.GM).json();
        JsonNode item = StreamSupport.stream(all.get("items").spliterator(), false)
                .filter(found -> found.get("id").asLong() == request).findFirst().orElseThrow();
        assertThat(item.get("status").asText()).as("before the sweep has run").isEqualTo("EXPIRED");
        assertThat(item.get("actions").toString()).doesNotContain("approve");
        assertThat(server.get("/api/approvals?status=EXPIRED&size=500", Role.GM).body())
                .contains("\"id\":" + request + ",");
        server.governor().sweep();
        JsonNode feed = server.get("/api/feed", Role.DTC_LEAD).json().get("items");
        assertThat(StreamSupport.stream(feed.spliterator(), false).anyMatch(event ->
                event.get("event").asText().equals("expired") && event.get("subjectId").asLong() == proposal.get("id")
                        .asLong())).as(feed.toString()).isTrue();
    }
}
