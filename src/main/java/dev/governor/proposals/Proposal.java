package dev.governor.proposals;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.ruleset.Evaluation;
import java.time.Instant;
import java.util.List;

/**
 * Proposal is a recorded price or promo proposal: what was asked, by whom, and what the guardrails
 * answered (verdict, findings, margins and ruleset version, written flat beside the other fields).
 */
public record Proposal(long id, ProposalKind kind, String status, String channel, String sku, String category,
                       List<String> skus, JsonNode request, @JsonUnwrapped Evaluation evaluation,
                       String requestedBy, Instant createdAt) {
}
