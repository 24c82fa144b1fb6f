package dev.governor.versions;

import dev.governor.approvals.ApprovalSubject;
import dev.governor.approvals.RequestRow;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;

/**
 * ActivationSubject is a request to put a ruleset version in force: re-checked at approval by
 * asking whether it would undo a change made since it was built and by running its example cases
 * again; approving it schedules the version, which comes into force at its time.
 */
public final class ActivationSubject implements ApprovalSubject {

    /** Activation is the ruleset version a request would put in force, and when (null: as soon as approved). */
    /** {@code codeChanges} is what the version changes in rule code (DRL diffs, engine cells), shown to the approver; null for data. */
    record Activation(long rulesetVersionId, String hash, Instant activateAt, Object codeChanges) {
    }

    private final Activations activations;
    private final Drafts drafts;

    public ActivationSubject(Activations activations, Drafts drafts) {
        this.activations = activations;
        this.drafts = drafts;
    }

    @Override
    public String name() {
        return "activation";
    }

    @Override
    public String idField() {
        return "rulesetVersionId";
    }

    @Override
    public Recheck recheck(RequestRow request) {
        String stale = activations.staleBase(request.subjectId());
        if (stale != null) {
            return new Recheck(detail("rebaseNeeded", stale), "{\"verdict\":\"REJECTED\",\"rebaseNeeded\":true}",
                    request.contentHash(), new Refusal(ErrorCode.REBASE_NEEDED, stale + "; the re-check is recorded"));
        }
        List<String> failing = activations.failingExamples(request.subjectId());
        Refusal refusal = failing.isEmpty() ? null : new Refusal(ErrorCode.EXAMPLES_FAILING, failing.size()
                + " example case(s) of this version fail now, so it cannot be activated; the re-check is recorded",
                List.of(), Map.of("failing", failing));
        return new Recheck(detail("examplesFailed", failing.size(), "failing", failing),
                "{\"verdict\":\"APPROVED\",\"examplesFailed\":0}", request.contentHash(), refusal);
    }

    @Override
    public Approval approved(Handle handle, RequestRow request, Instant at, User by) {
        activations.approved(handle, request.subjectId(), by);
        return new Approval(detail("activateAt", at.toString()),
                () -> activations.afterApproval(request.subjectId(), at, by));
    }

    @Override
    public void closed(Handle handle, RequestRow request, String status) {
        // the version stays a draft: nothing else changes
    }

    @Override
    public Object describe(RequestRow request) {
        return new Activation(request.subjectId(), request.contentHash(), request.activateAt(),
                drafts.codeChanges(request.subjectId()));
    }

    /** A version's record is its files' hash, checked when it is compiled; activations add nothing to verify. */
    @Override
    public Verified verify() {
        return Verified.agreed(0);
    }
}
