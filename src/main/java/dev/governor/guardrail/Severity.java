package dev.governor.guardrail;

/** Severity is how hard a guardrail speaks; the verdict is the worst severity among the findings. */
public enum Severity {
    INFO, WARN, NEEDS_APPROVAL, BLOCK;

    public Verdict verdict() {
        return switch (this) {
            case BLOCK -> Verdict.REJECTED;
            case NEEDS_APPROVAL -> Verdict.PENDING_APPROVAL;
            case INFO, WARN -> Verdict.APPROVED;
        };
    }
}
