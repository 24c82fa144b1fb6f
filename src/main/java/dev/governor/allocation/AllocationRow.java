package dev.governor.allocation;

import java.time.Instant;
import java.time.LocalDate;

/** AllocationRow is an allocations row as stored, with the requester's name and its approval request. */
public record AllocationRow(long id, String status, String verdict, LocalDate startDate, int horizonWeeks,
                            int skuCount, long available, long allocated, int shortfalls, int overrides,
                            String note, String request, String contentHash, String rulesetVersion, String requestedBy,
                            Instant createdAt, Long approvalRequest) {
}
