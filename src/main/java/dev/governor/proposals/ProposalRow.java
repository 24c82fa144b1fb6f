package dev.governor.proposals;

import java.time.Instant;

/** ProposalRow is a proposals table row as stored. */
public record ProposalRow(long id, String kind, String status, String verdict, String channel, String engine,
                          String sku, String category, String request, String evaluation, String rulesetVersion,
                          String requestedBy, Instant createdAt) {
}
