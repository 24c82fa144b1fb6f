package dev.governor.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/**
 * Audit verification finds a budget shift whose request, amount or status, or a week's flex ledger, were
 * edited in the SQLite file by hand.
 */
class BudgetAuditTest {

    @RegisterExtension
    static final TestServer server = new TestServer()
            .withClock(MutableClock.of(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC));

    private static JsonNode verify() {
        return server.get("/api/audit/verify", Role.REVENUE_OPS).json();
    }

    @Test
    void editedRequestsAmountsAndStatusesAreFound() {
        long id = server.post("/api/budget-shifts", Role.DTC_LEAD, BudgetApiTest.shift("2026-W49", "meta-prospecting",
                "google-shopping", "5000", "3.1", "geo")).json().get("id").asLong();
        assertThat(verify().get("ok").asBoolean()).as(verify().toString()).isTrue();

        server.sql("update budget_shifts set request = replace(request, '5000.00', '500.00') where id = " + id);
        try {
            assertThat(verify().get("reason").asText()).contains("budget shift " + id).contains("edited");
        } finally {
            server.sql("update budget_shifts set request = replace(request, '500.00', '5000.00') where id = " + id);
        }
        server.sql("update budget_shifts set amount_cents = 50000 where id = " + id);
        try {
            assertThat(verify().get("reason").asText()).contains("no longer moves what its request asked");
        } finally {
            server.sql("update budget_shifts set amount_cents = 500000 where id = " + id);
        }
        server.sql("update budget_shifts set status = 'REJECTED' where id = " + id);
        try {
            assertThat(verify().get("reason").asText()).contains("says REJECTED but its audit trail says APPROVED");
        } finally {
            server.sql("update budget_shifts set status = 'APPROVED' where id = " + id);
        }
        server.sql("update budget_flex set moved_out_cents = 0 where week = '2026-W49' and line = 'meta-prospecting'");
        try {
            assertThat(verify().get("reason").asText()).isEqualTo("the flex ledger of meta-prospecting in 2026-W49 says "
                    + "in 0.00, out 0.00, held out 0.00, held in 0.00, in without evidence 0.00 but its shifts add up to "
                    + "in 0.00, out 5000.00, held out 0.00, held in 0.00, in without evidence 0.00: it was edited");
        } finally {
            server.sql("update budget_flex set moved_out_cents = 500000 where week = '2026-W49' and line = 'meta-prospecting'");
        }
        server.sql("update budget_flex set sales_in = '15000' where week = '2026-W49' and line = 'google-shopping'");
        try {
            assertThat(verify().get("reason").asText()).isEqualTo("the flex ledger of google-shopping in 2026-W49 "
                    + "expects 15000 of sales from shifts in, but its shifts claim 15500.000: it was edited");
        } finally {
            server.sql("update budget_flex set sales_in = '15500' where week = '2026-W49' and line = 'google-shopping'");
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }
}
