package dev.governor.approvals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Subjects knows, for each kind of subject an approval request can be about, the feature's
 * {@link ApprovalSubject}. Each feature registers its own kind when the service is wired; the
 * approvals pipeline never names a feature.
 */
public final class Subjects {

    private final Map<String, ApprovalSubject> byType = new ConcurrentHashMap<>();
    /** In the order registered, so audit verification reports the same disagreement first every time. */
    private final List<ApprovalSubject> inOrder = new CopyOnWriteArrayList<>();

    /** Registers how requests about {@code subjectType} are re-checked, decided, shown and verified. */
    public void register(String subjectType, ApprovalSubject subject) {
        if (byType.putIfAbsent(subjectType, subject) != null) {
            throw new IllegalStateException(subjectType + " is registered already");
        }
        inOrder.add(subject);
    }

    /** The subject of a stored request. */
    ApprovalSubject of(RequestRow request) {
        ApprovalSubject subject = byType.get(request.subjectType());
        if (subject == null) {
            throw new IllegalStateException("nothing handles approval requests about " + request.subjectType());
        }
        return subject;
    }

    List<ApprovalSubject> all() {
        return inOrder;
    }
}
