package dev.governor.allocation;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Allocation is a recorded allocation request: who asked, when, under which ruleset version, its status
 * (APPROVED, or PENDING_APPROVAL while a proposed split waits for the GM, then APPROVED, REJECTED,
 * WITHDRAWN or EXPIRED), a summary, and — when read one by one — the plan of each SKU as recorded.
 */
public record Allocation(long id, String status, String verdict, LocalDate start, int horizonWeeks, String note,
                         String rulesetVersion, String requestedBy, Instant createdAt, String contentHash,
                         Long approvalRequest, Summary summary, @JsonRawValue String plans) {

    /** Summary is the request in figures: SKUs, units, shortfalls below floor, overrides, SKUs per band. */
    public record Summary(int skus, long available, long allocated, long unallocated, int shortfalls, int overrides,
                          Map<String, Integer> bands) {
    }

    /** This allocation without its plans, as listings show it. */
    Allocation withoutPlans() {
        return new Allocation(id, status, verdict, start, horizonWeeks, note, rulesetVersion, requestedBy, createdAt,
                contentHash, approvalRequest, summary, null);
    }
}
