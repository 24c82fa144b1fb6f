package dev.governor.approvals;

import dev.governor.auth.User;
import dev.governor.core.Refusal;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * ApprovalSubject is what the approvals pipeline needs of each kind of subject — a price or promo
 * proposal, a ruleset activation, an allocation, a budget shift: how to re-check it at approval,
 * what approving or closing it changes, what the queue shows of it and how audit verification
 * checks it. The feature that owns the kind implements it and registers it with {@link Subjects}.
 */
public interface ApprovalSubject {

    /**
     * Recheck is the subject checked again when someone approves it: the detail recorded in the
     * trail, the sign-off's record and version, and, when it may not be approved now, the refusal.
     */
    record Recheck(Map<String, Object> detail, String signOff, String rulesetVersion, Refusal refusal) {
    }

    /**
     * Approval is what approving a subject did: detail for the approved event, and what to do once the
     * approving write has committed (nothing, for most subjects).
     */
    record Approval(Map<String, Object> detail, Runnable afterCommit) {

        public static Approval of(Map<String, Object> detail) {
            return new Approval(detail, () -> { });
        }
    }

    /**
     * Verified is what audit verification found of every recorded subject of a kind: the first
     * disagreement with the audit trail (null when there is none), the sequence number of the event it
     * disagrees with (when known), and how many subjects were recorded before the trail existed.
     */
    record Verified(String disagreement, Long at, long unaudited) {

        public static Verified agreed(long unaudited) {
            return new Verified(null, null, unaudited);
        }
    }

    /** The name an approval request shows the subject under ({@code proposal}, {@code allocation}, …). */
    String name();

    /** The name of the subject's id in a comment's answer ({@code proposalId}, …). */
    default String idField() {
        return name() + "Id";
    }

    Recheck recheck(RequestRow request);

    /** Inside the approving write, once every sign-off is given. */
    Approval approved(Handle handle, RequestRow request, Instant at, User by);

    /** Inside the write that closes the request without approval: REJECTED, WITHDRAWN or EXPIRED. */
    void closed(Handle handle, RequestRow request, String status);

    /** What an approval request about this subject shows of it. */
    Object describe(RequestRow request);

    /** For audit verification: whether every recorded subject of this kind agrees with its audit trail. */
    Verified verify();
}
