package dev.governor.approvals;

import dev.governor.audit.AuditTrail;

/**
 * AuditVerification checks that the record can be trusted: the audit trail's hash chain first,
 * then every recorded subject of every kind against it — its content must still hash to what its
 * submission recorded, and its status must be the one its last event set.
 */
public final class AuditVerification {

    private final AuditTrail audit;
    private final Subjects subjects;

    public AuditVerification(AuditTrail audit, Subjects subjects) {
        this.audit = audit;
        this.subjects = subjects;
    }

    /**
     * The chain's verification, broken at the first subject that disagrees with it. Subjects recorded
     * before the audit trail existed are counted as unaudited (a number to watch: it never grows).
     */
    public AuditTrail.Verification verify() {
        AuditTrail.Verification chain = audit.verify();
        if (!chain.ok()) {
            return chain;
        }
        long unaudited = 0;
        for (ApprovalSubject subject : subjects.all()) {
            ApprovalSubject.Verified verified = subject.verify();
            if (verified.disagreement() != null) {
                return AuditTrail.Verification.broken(chain.events(), verified.at(), verified.disagreement());
            }
            unaudited += verified.unaudited();
        }
        return chain.withUnaudited(unaudited);
    }
}
