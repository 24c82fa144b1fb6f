package dev.governor.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/** Editing or deleting rows of the SQLite file by hand, behind Governor's back, is found by GET /api/audit/verify. */
class AuditTamperTest {

    @RegisterExtension
    static final TestServer server = new TestServer()
            .withClock(MutableClock.of(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC));

    static long approvedProposal;

    @BeforeAll
    static void recordSomeDecisions() {
        Proposing proposing = new Proposing(server);
        JsonNode approved = proposing.pendingPrice("TEA-001", "2026-12-01");
        server.post("/api/approvals/" + proposing.requestOf(approved) + "/approve", Role.GM, "{\"comment\": \"ok\"}");
        approvedProposal = approved.get("id").asLong();
        JsonNode rejected = proposing.pendingPromo("COF-001", "2026-12-05", "2026-12-10");
        server.post("/api/approvals/" + proposing.requestOf(rejected) + "/reject", Role.GM, "{\"reason\": \"too early\"}");
        proposing.pendingPrice("TEA-002", "2026-12-01");
    }

    private static JsonNode verify() {
        var answer = server.get("/api/audit/verify", Role.REVENUE_OPS);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    private static void sql(String statement) {
        server.sql(statement);
    }

    @Test
    void anUntouchedTrailVerifies() {
        JsonNode ok = verify();
        assertThat(ok.get("ok").asBoolean()).isTrue();
        // the 9 events of the setUp's proposals, and each test user's creation
        assertThat(ok.get("events").asLong()).isEqualTo(9 + Role.values().length);
        assertThat(ok.get("head").asText()).hasSize(64);
        assertThat(ok.get("unauditedProposals").asLong()).isZero();
    }

    @Test
    void aProposalInsertedByHandIsFoundOrCountedAsUnaudited() {
        String columns = "kind, status, verdict, channel, engine, sku, request, evaluation, ruleset_version, "
                + "requested_by, created_at";
        String values = "'PRICE', 'APPROVED', 'APPROVED', 'amazon-us', 'MARKETPLACE', 'TEA-001', '{}', '{}', 'x', 1, "
                + "'2026-11-22T15:00:00.000000Z'";
        sql("insert into proposals (" + columns + ", route_id) values (" + values + ", 1)");
        try {
            assertThat(verify().get("reason").asText()).contains("has no submitted event");
        } finally {
            sql("delete from proposals where ruleset_version = 'x'");
        }
        // a row without a route looks like one recorded before the audit trail existed: counted
        sql("insert into proposals (" + columns + ") values (" + values + ")");
        try {
            JsonNode counted = verify();
            assertThat(counted.get("ok").asBoolean()).isTrue();
            assertThat(counted.get("unauditedProposals").asLong()).isEqualTo(1);
        } finally {
            sql("delete from proposals where ruleset_version = 'x'");
        }
    }

    @Test
    void editingAnEventIsFoundAtThatEvent() {
        sql("update audit_events set comment = 'approved, of course' where event = 'approved' and comment = 'ok'");
        try {
            JsonNode broken = verify();
            assertThat(broken.get("ok").asBoolean()).isFalse();
            assertThat(broken.get("reason").asText()).contains("edited");
            assertThat(broken.get("brokenAt").asLong()).isPositive();
        } finally {
            sql("update audit_events set comment = 'ok' where comment = 'approved, of course'");
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }

    @Test
    void editingAProposalsContentOrStatusIsFound() {
        sql("update proposals set request = replace(request, 'TEA-001', 'TEA-009') where id = " + approvedProposal);
        try {
            assertThat(verify().get("reason").asText()).contains("proposal " + approvedProposal, "edited");
        } finally {
            sql("update proposals set request = replace(request, 'TEA-009', 'TEA-001') where id = " + approvedProposal);
        }
        sql("update proposals set status = 'APPROVED' where status = 'PENDING_APPROVAL'");
        try {
            assertThat(verify().get("reason").asText()).contains("says APPROVED but its audit trail says PENDING_APPROVAL");
        } finally {
            sql("update proposals set status = 'PENDING_APPROVAL' where id = (select max(id) from proposals)");
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }

    @Test
    void deletingAnEventIsFound() {
        sql("create table removed as select * from audit_events where event = 'rejected'");
        sql("delete from audit_events where event = 'rejected'");
        try {
            JsonNode broken = verify();
            assertThat(broken.get("ok").asBoolean()).isFalse();
            assertThat(broken.get("reason").asText()).contains("missing");
        } finally {
            sql("insert into audit_events select * from removed");
            sql("drop table removed");
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }
}
