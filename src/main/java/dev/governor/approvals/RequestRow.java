package dev.governor.approvals;

import java.time.Instant;

/**
 * RequestRow is an approval_requests row as stored, with its route: a request about a proposal
 * (subject PROPOSAL), about activating a ruleset version (subject RULESET, at {@code activateAt}) or
 * about an allocation that proposes its own split (subject ALLOCATION) or about a budget shift
 * (subject BUDGET_SHIFT).
 */
public record RequestRow(long id, String subjectType, long subjectId, String decisionType, String channel,
                         String status, int signOffsRequired, String contentHash, String route, Instant createdAt,
                         Instant expiresAt, Instant decidedAt, long requestedById, Instant activateAt) {

    public static final String PROPOSAL = "PROPOSAL";
    public static final String RULESET = "RULESET";
    public static final String ALLOCATION = "ALLOCATION";
    public static final String BUDGET_SHIFT = "BUDGET_SHIFT";

    public boolean isProposal() {
        return subjectType.equals(PROPOSAL);
    }

    /** The proposal's id, for a request about a proposal. */
    public long proposalId() {
        return subjectId;
    }
}
