package dev.governor.guardrail;

import java.util.Collection;

/** Verdict is the answer to a proposal: the worst severity among its findings decides it. */
public enum Verdict {
    APPROVED, PENDING_APPROVAL, REJECTED;

    public static Verdict of(Collection<Finding> findings) {
        Verdict worst = APPROVED;
        for (Finding finding : findings) {
            Verdict verdict = finding.severity().verdict();
            if (verdict.ordinal() > worst.ordinal()) {
                worst = verdict;
            }
        }
        return worst;
    }
}
