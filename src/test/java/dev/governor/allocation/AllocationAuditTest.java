package dev.governor.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Audit verification finds an allocation whose request, plans or status were edited in the SQLite file by hand. */
class AllocationAuditTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    private static JsonNode verify() {
        return server.get("/api/audit/verify", Role.REVENUE_OPS).json();
    }

    private static void sql(String statement) {
        server.sql(statement);
    }

    @Test
    void editedPlansRequestsAndStatusesAreFound() {
        long id = server.post("/api/allocations", Role.OPERATIONS, AllocationApiTest.TEA.formatted(""))
                .json().get("id").asLong();
        assertThat(verify().get("ok").asBoolean()).isTrue();

        sql("update allocation_lines set plan = replace(plan, '\"units\":533', '\"units\":633') where allocation_id = " + id);
        try {
            assertThat(verify().get("reason").asText()).contains("plans of allocation " + id).contains("edited");
        } finally {
            sql("update allocation_lines set plan = replace(plan, '\"units\":633', '\"units\":533') where allocation_id = " + id);
        }
        sql("update allocations set request = replace(request, '1000', '1200') where id = " + id);
        try {
            assertThat(verify().get("reason").asText()).contains("allocation " + id).contains("edited");
        } finally {
            sql("update allocations set request = replace(request, '1200', '1000') where id = " + id);
        }
        sql("update allocations set status = 'REJECTED' where id = " + id);
        try {
            assertThat(verify().get("reason").asText()).contains("says REJECTED but its audit trail says APPROVED");
        } finally {
            sql("update allocations set status = 'APPROVED' where id = " + id);
        }
        assertThat(verify().get("ok").asBoolean()).isTrue();
    }
}
