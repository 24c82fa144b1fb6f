package dev.governor.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/** Allocations over real HTTP: planned and recorded, read back, listed, overrides approved by the GM, bad input. */
class AllocationApiTest {

    @RegisterExtension
    static final TestServer server = new TestServer()
            .withClock(MutableClock.of(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC));

    static final String TEA = """
            {"horizonWeeks": 4, "sku": "TEA-003", "available": 1000, "channels": [
              {"channel": "amazon-us", "weeklyForecast": 175},
              {"channel": "dtc-webstore", "weeklyForecast": 120},
              {"channel": "wholesale", "weeklyForecast": 0, "committed": 200}]%s}
            """;

    private static long count(String sql) {
        return server.count(sql);
    }

    @Test
    void operationsGetsAnExplainedPlanThatIsRecorded() {
        TestServer.Answer answer = server.post("/api/allocations", Role.OPERATIONS, TEA.formatted(""));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode allocation = answer.json();
        assertThat(allocation.get("status").asText()).isEqualTo("APPROVED");
        assertThat(allocation.get("rulesetVersion").asText()).isNotBlank();
        assertThat(allocation.get("requestedBy").asText()).isEqualTo("test-operations");
        JsonNode plan = allocation.get("plans").get(0);
        assertThat(plan.get("band").get("name").asText()).isEqualTo("TIGHT");
        assertThat(plan.get("explanation").asText()).startsWith("CRITICAL up to 689 units: wholesale 200 (contract, tier 4) → amazon-us floor 2 weeks: 350");
        long total = 0;
        for (JsonNode channel : plan.get("channels")) {
            total += channel.get("units").asLong();
            assertThat(channel.get("treatment").get("source").get("sheet").asText()).isEqualTo("Priorities");
        }
        assertThat(total).isEqualTo(1000);

        long id = allocation.get("id").asLong();
        JsonNode read = server.get("/api/allocations/" + id, Role.REVENUE_OPS).json();
        assertThat(read.get("plans")).isEqualTo(allocation.get("plans"));
        JsonNode listed = server.get("/api/allocations?sku=TEA-003", Role.DTC_LEAD).json();
        assertThat(StreamSupport.stream(listed.get("items").spliterator(), false)
                .anyMatch(item -> item.get("id").asLong() == id && !item.has("plans"))).isTrue();
        JsonNode history = server.get("/api/feed", Role.MARKETPLACE_LEAD).json();
        assertThat(history.toString()).contains("\"subjectType\":\"ALLOCATION\"");
    }

    @Test
    void anOverrideWaitsForTheGmAndIsApprovedByAnotherPerson() {
        TestServer.Answer answer = server.post("/api/allocations", Role.OPERATIONS, TEA.formatted(
                ", \"override\": {\"amazon-us\": 500, \"dtc-webstore\": 300, \"wholesale\": 200}"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode allocation = answer.json();
        assertThat(allocation.get("status").asText()).isEqualTo("PENDING_APPROVAL");
        JsonNode finding = allocation.get("plans").get(0).get("findings").get(0);
        assertThat(finding.get("code").asText()).isEqualTo("ALLOCATION_OVERRIDE");
        assertThat(finding.get("severity").asText()).isEqualTo("NEEDS_APPROVAL");
        assertThat(finding.get("source").get("sheet").asText()).isEqualTo("Bands");
        long request = allocation.get("approvalRequest").asLong();

        JsonNode queued = server.get("/api/approvals/" + request, Role.GM).json();
        assertThat(queued.get("decisionType").asText()).isEqualTo("SUPPLY_ALLOCATION");
        assertThat(queued.get("allocation").get("plans").get(0).get("override").get("proposed").get("amazon-us").asLong())
                .isEqualTo(500);
        assertThat(server.post("/api/approvals/" + request + "/approve", Role.OPERATIONS, "{}").status())
                .isEqualTo(403);
        TestServer.Answer approved = server.post("/api/approvals/" + request + "/approve", Role.GM, "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode read = server.get("/api/allocations/" + allocation.get("id").asLong(), Role.OPERATIONS).json();
        assertThat(read.get("status").asText()).isEqualTo("APPROVED");
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void onlyOperationsAsksForAllocations() {
        TestServer.Answer answer = server.post("/api/allocations", Role.DTC_LEAD, TEA.formatted(""));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("detail").asText()).contains("operations");
    }

    @Test
    void badInputNamesEveryBadFieldAndRecordsNothing() {
        long before = count("select count(*) from allocations");
        TestServer.Answer answer = server.post("/api/allocations", Role.OPERATIONS, """
                {"horizonWeeks": 0, "skus": [
                  {"sku": "NOPE-1", "available": -5, "channels": [{"channel": "amazon-us", "weeklyForecast": 1}]},
                  {"sku": "TEA-001", "available": 10, "channels": [
                    {"channel": "amazon-us", "weeklyForecast": "lots"},
                    {"channel": "amazon-us", "weeklyForecast": 3},
                    {"channel": "mars", "weeklyForecast": 3, "onHand": -1}]}]}
                """);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        List<String> fields = StreamSupport.stream(answer.json().get("errors").spliterator(), false)
                .map(error -> error.get("field").asText() + ":" + error.get("code").asText()).toList();
        assertThat(fields).containsExactlyInAnyOrder(
                "horizonWeeks:out_of_range",
                "skus[0].sku:unknown_sku",
                "skus[0].available:out_of_range",
                "skus[1].channels[0].weeklyForecast:invalid_number",
                "skus[1].channels[1].channel:duplicate_channel",
                "skus[1].channels[2].channel:unknown_channel",
                "skus[1].channels[2].onHand:out_of_range");
        assertThat(count("select count(*) from allocations")).isEqualTo(before);
    }
}
