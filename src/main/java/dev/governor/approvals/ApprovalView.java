package dev.governor.approvals;

import dev.governor.ruleset.ApprovalRoute;
import java.time.Instant;
import java.util.List;

/**
 * ApprovalView is an approval request as its people see it: its subject (under the subject's name:
 * a proposal with its findings, an activation, an allocation or a budget shift), how long
 * it has waited, who signed off so far, what people commented, the RACI route and where it came from, and what the caller
 * may do with it now.
 */
public record ApprovalView(long id, String status, String decisionType, String channel, Object proposal,
                           Object activation, Object allocation, Object budgetShift,
                           Waiting waiting, Instant expiresAt, Instant decidedAt, SignOffs signOffs,
                           List<Comment> comments, ApprovalRoute route, String contentHash, List<String> actions) {

    /** Comment is what a Consulted or Accountable person, or the proposer, said on the request. */
    public record Comment(String by, String role, String at, String comment) {
    }

    /** Waiting says since when a request waits (or waited, once decided) and for how long. */
    public record Waiting(Instant since, long seconds, String text) {
    }

    /** SignOffs are the approvals a request needs and the ones it has. */
    public record SignOffs(int required, List<SignOff> given) {
    }
}
