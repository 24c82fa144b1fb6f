package dev.governor.approvals;

import dev.governor.auth.User;
import dev.governor.core.Refusal;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * ApprovalSubject is what the approval path needs of each kind of request — a price or promo proposal,
 * a ruleset activation, an allocation, a budget shift: how to re-check it at approval, what approving
 * or closing it changes, and what the queue shows of it. The feature that owns the kind registers it.
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

    Recheck recheck(RequestRow request);

    /** Inside the approving write, once every sign-off is given. */
    Approval approved(Handle handle, RequestRow request, Instant at, User by);

    /** Inside the write that closes the request without approval: REJECTED, WITHDRAWN or EXPIRED. */
    void closed(Handle handle, RequestRow request, String status);

    /** What an approval request about this subject shows of it. */
    Object describe(RequestRow request);

    /**
     * For audit verification: why the first recorded subject of this kind disagrees with its audit
     * trail (content edited, status moved without an event), or null when every one agrees.
     */
    default String disagreement() {
        return null;
    }
}
