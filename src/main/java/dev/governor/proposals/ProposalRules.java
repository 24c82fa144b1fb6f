package dev.governor.proposals;

import dev.governor.approvals.ApprovalSubject;
import dev.governor.ruleset.Evaluation;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * ProposalRules is what the feature that owns a kind of proposal (pricing, promo) does for it once it
 * is recorded: check it again at approval, and carry out what approving it changes.
 */
public interface ProposalRules {

    /**
     * The recorded proposal evaluated again against the catalog and the ruleset in force now; a
     * Refusal when it can no longer be evaluated (say, its SKU left the catalog).
     */
    Evaluation recheck(Proposal proposal);

    /**
     * Inside the write that approves {@code proposal} at {@code at} — by a person, or by the guardrails
     * alone on submission: what approving it changes, with the detail the approval event records and
     * what to do once the write has committed.
     */
    ApprovalSubject.Approval approved(Handle handle, Proposal proposal, Instant at);
}
