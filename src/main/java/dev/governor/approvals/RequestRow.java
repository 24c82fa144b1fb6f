package dev.governor.approvals;

import java.time.Instant;

/** RequestRow is an approval_requests row as stored. */
public record RequestRow(long id, long proposalId, String decisionType, String channel, String status, int signOffsRequired,
                  String contentHash, String route, Instant createdAt, Instant expiresAt, Instant decidedAt,
                  long requestedById) {
}
