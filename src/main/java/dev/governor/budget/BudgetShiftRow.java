package dev.governor.budget;

import java.time.Instant;

/** BudgetShiftRow is a budget_shifts row as stored, with the requester's name and its approval request. */
public record BudgetShiftRow(long id, String week, String fromLine, String toLine, String fromEngine, String toEngine,
                             long amountCents, String marginalRoas, String evidenceKind, String status, String verdict, String request,
                             String findings, String lines, String contentHash, String rulesetVersion,
                             String requestedBy, Instant createdAt, Long approvalRequest) {
}
