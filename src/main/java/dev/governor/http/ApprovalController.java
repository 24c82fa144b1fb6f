package dev.governor.http;

import dev.governor.approvals.AuditVerification;
import dev.governor.approvals.Decisions;
import dev.governor.approvals.Queue;
import dev.governor.audit.AuditTrail;
import dev.governor.audit.NewEvent;
import dev.governor.auth.Responsibility;
import dev.governor.core.ErrorCode;
import dev.governor.core.FieldError;
import dev.governor.core.Refusal;
import dev.governor.proposals.ProposalLog;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** ApprovalController is the HTTP face of approvals: the queue, decisions, comments, the feed, histories and audit verification. */
public final class ApprovalController {

    private static final List<String> STATUSES = List.of("PENDING", "APPROVED", "REJECTED", "WITHDRAWN", "EXPIRED", "ALL");
    private static final List<String> DECISION_TYPES = List.of("PRICE_CHANGE", "PROMOTION", "RULESET_ACTIVATION");

    private final Decisions decisions;
    private final Queue queue;
    private final AuditVerification verification;
    private final AuditTrail audit;
    private final ProposalLog log;

    public ApprovalController(Decisions decisions, Queue queue, AuditVerification verification, AuditTrail audit,
                              ProposalLog log) {
        this.decisions = decisions;
        this.queue = queue;
        this.verification = verification;
        this.audit = audit;
        this.log = log;
    }

    public void queue(Context ctx) {
        var user = Requests.user(ctx);
        Responsibility.require(user, Responsibility.readers(), "read approval requests");
        List<FieldError> errors = new ArrayList<>();
        String status = upper(Requests.param(ctx, "status"));
        if (status != null && !STATUSES.contains(status)) {
            errors.add(FieldError.field("status", "invalid_value", "status must be one of " + String.join(", ", STATUSES)));
        }
        String decisionType = upper(Requests.param(ctx, "decisionType"));
        if (decisionType != null && !DECISION_TYPES.contains(decisionType)) {
            errors.add(FieldError.field("decisionType", "invalid_value",
                    "decisionType must be one of " + String.join(", ", DECISION_TYPES)));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        String filterStatus = status == null ? Decisions.PENDING : status.equals("ALL") ? null : status;
        Answers.json(ctx, queue.list(user, new Queue.Filter(filterStatus, decisionType,
                        Requests.param(ctx, "channel")), Requests.intParam(ctx, "page", 1),
                Requests.intParam(ctx, "size", 50)));
    }

    public void find(Context ctx) {
        var user = Requests.user(ctx);
        Responsibility.require(user, Responsibility.readers(), "read approval requests");
        Answers.json(ctx, queue.view(user, Requests.id(ctx)));
    }

    public void approve(Context ctx) {
        var user = Requests.user(ctx);
        long id = Requests.id(ctx);
        decisions.approve(user, id, Requests.optionalJsonObject(ctx));
        Answers.json(ctx, queue.view(user, id));
    }

    public void reject(Context ctx) {
        var user = Requests.user(ctx);
        long id = Requests.id(ctx);
        decisions.reject(user, id, Requests.optionalJsonObject(ctx));
        Answers.json(ctx, queue.view(user, id));
    }

    public void withdraw(Context ctx) {
        var user = Requests.user(ctx);
        long id = Requests.id(ctx);
        decisions.withdraw(user, id, Requests.optionalJsonObject(ctx));
        Answers.json(ctx, queue.view(user, id));
    }

    public void comment(Context ctx) {
        Answers.created(ctx, decisions.comment(Requests.user(ctx), Requests.id(ctx), Requests.jsonObject(ctx)));
    }

    public void feed(Context ctx) {
        var user = Requests.user(ctx);
        Responsibility.require(user, Responsibility.readers(), "read the feed");
        Answers.json(ctx, queue.feed(user, Requests.intParam(ctx, "page", 1), Requests.intParam(ctx, "size", 50)));
    }

    public void history(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read proposal histories");
        long id = Requests.id(ctx);
        var proposal = log.find(id).orElseThrow(() -> new Refusal(ErrorCode.PROPOSAL_NOT_FOUND,
                "there is no proposal " + id));
        Answers.json(ctx, Map.of("proposalId", id, "kind", proposal.kind(), "status", proposal.status(),
                "events", audit.history(NewEvent.PROPOSAL, id)));
    }

    public void verify(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "verify the audit trail");
        Answers.json(ctx, verification.verify());
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
