package dev.governor.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.audit.AuditTrail;
import dev.governor.audit.NewEvent;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.Bound;
import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;

/**
 * Decisions takes what people do with an approval request — approve, reject, withdraw, comment —
 * and lets time expire it. It enforces four-eyes (nobody decides their own request, and each
 * sign-off comes from a different person), re-checks the subject under the rules in force at
 * approval, and records every change with its audit event in the same transaction.
 */
public final class Decisions {

    public static final String PENDING = "PENDING";

    /** Outcome is what a decision write found once it held the writer's turn. */
    private enum Outcome { DONE, ALREADY_DECIDED, EXPIRED, ALREADY_SIGNED, BLOCKED }

    private final Database database;
    private final Subjects subjects;
    private final AuditTrail audit;
    private final Clock clock;

    public Decisions(Database database, Subjects subjects, AuditTrail audit, Clock clock) {
        this.database = database;
        this.subjects = subjects;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Signs the request off for {@code user}, who must be Accountable and not its proposer; once it has
     * every sign-off it needs, its subject is approved. {@code contentHash}, when sent, must be the
     * content the approver reviewed.
     */
    public void approve(User user, long requestId, JsonNode body) {
        String comment = optionalText(body, "comment");
        String contentHash = optionalText(body, "contentHash");
        RequestRow request = pendingRequest(requestId);
        ApprovalRoute routing = Routes.of(request);
        if (request.requestedById() == user.id()) {
            throw new Refusal(ErrorCode.SELF_APPROVAL, "you proposed this; someone else who is Accountable ("
                    + Routes.ids(routing.accountable()) + ") must approve it");
        }
        Role role = Routes.accountable(user, routing, "approve");
        if (contentHash != null && !contentHash.equals(request.contentHash())) {
            throw new Refusal(ErrorCode.CONTENT_MISMATCH, "the proposal's content hash is " + request.contentHash()
                    + ", not " + contentHash + ": review the proposal as recorded and approve that");
        }
        ApprovalSubject subject = subjects.of(request);
        ApprovalSubject.Recheck recheck = subject.recheck(request);
        Instant now = now();
        Instant at = request.activateAt() == null || request.activateAt().isBefore(now) ? now : request.activateAt();
        AtomicReference<Runnable> afterCommit = new AtomicReference<>();
        Outcome outcome = database.write(handle -> {
            ApprovalDao dao = handle.attach(ApprovalDao.class);
            RequestRow current = dao.find(requestId).orElseThrow();
            Outcome closed = closedToSignOff(handle, dao, current, user, now);
            if (closed != null) {
                return closed;
            }
            Map<String, Object> evaluated = detail("trigger", "re-check at approval by " + user.name(),
                    "approvalRequest", requestId);
            evaluated.putAll(recheck.detail());
            audit.append(handle, new NewEvent("evaluated", request.subjectType(), request.subjectId(), null, null, null,
                    recheck.rulesetVersion(), evaluated));
            if (recheck.refusal() != null) {
                return Outcome.BLOCKED;
            }
            dao.insertSignOff(requestId, user.id(), role.id(), comment, recheck.signOff(), recheck.rulesetVersion(), now);
            int given = dao.signOffCount(requestId);
            Map<String, Object> approved = detail("approvalRequest", requestId, "signOffs", given,
                    "signOffsRequired", current.signOffsRequired(), "contentHash", current.contentHash());
            if (given >= current.signOffsRequired()) {
                dao.decide(requestId, "APPROVED", now);
                ApprovalSubject.Approval approval = subject.approved(handle, current, at, user);
                approved.putAll(approval.detail());
                approved.put("status", "APPROVED");
                afterCommit.set(approval.afterCommit());
            }
            audit.append(handle, new NewEvent("approved", request.subjectType(), request.subjectId(), user, role.id(),
                    comment, recheck.rulesetVersion(), approved));
            return Outcome.DONE;
        });
        if (outcome == Outcome.BLOCKED) {
            throw recheck.refusal();
        }
        refuse(outcome, requestId);
        if (afterCommit.get() != null) {
            afterCommit.get().run();
        }
    }

    /** Rejects the request with a reason; the rejecter must be Accountable and not its proposer. */
    public void reject(User user, long requestId, JsonNode body) {
        String reason = optionalText(body, "reason");
        reason = reason == null ? optionalText(body, "comment") : reason;
        if (reason == null) {
            throw Refusal.invalid("reason", "required", "a rejection needs a reason, so the proposer knows what to change");
        }
        RequestRow request = pendingRequest(requestId);
        ApprovalRoute routing = Routes.of(request);
        if (request.requestedById() == user.id()) {
            throw new Refusal(ErrorCode.SELF_APPROVAL, "you proposed this: withdraw it instead of rejecting it");
        }
        Role role = Routes.accountable(user, routing, "reject");
        close(requestId, "REJECTED", "rejected", user, role.id(), reason);
    }

    /** Withdraws the request; only its proposer may. */
    public void withdraw(User user, long requestId, JsonNode body) {
        RequestRow request = pendingRequest(requestId);
        if (request.requestedById() != user.id()) {
            throw new Refusal(ErrorCode.NOT_PROPOSER, "only the person who proposed it can withdraw a proposal");
        }
        close(requestId, "WITHDRAWN", "withdrawn", user, null, optionalText(body, "comment"));
    }

    /** Records a comment by a Consulted or Accountable role, or by the proposer; answers the recorded event's hash. */
    public Map<String, Object> comment(User user, long requestId, JsonNode body) {
        String comment = optionalText(body, "comment");
        if (comment == null) {
            throw Refusal.invalid("comment", "required", "write the comment to record");
        }
        RequestRow request = request(requestId);
        ApprovalRoute routing = Routes.of(request);
        String role;
        if (routing.isConsulted(user.roles())) {
            role = routing.consulted().stream().filter(user::has).findFirst().orElseThrow().id();
        } else if (routing.isAccountable(user.roles())) {
            role = routing.accountable().stream().filter(user::has).findFirst().orElseThrow().id();
        } else if (request.requestedById() == user.id()) {
            role = "proposer";
        } else {
            throw Refusal.forbidden("to comment on this request you need a Consulted (" + Routes.ids(routing.consulted())
                    + ") or Accountable (" + Routes.ids(routing.accountable()) + ") role, or to be its proposer");
        }
        String hash = database.write(handle -> audit.append(handle, new NewEvent("commented", request.subjectType(),
                request.subjectId(), user, role, comment, null, detail("approvalRequest", requestId))));
        return detail("approvalRequest", requestId, subjects.of(request).idField(), request.subjectId(),
                "comment", comment, "by", user.name(), "role", role, "eventHash", hash);
    }

    /** Expires every pending request past its deadline; answers how many expired. */
    public int expireOverdue() {
        Instant now = now();
        List<Long> due = database.read(handle -> handle.attach(ApprovalDao.class).due(now));
        int expired = 0;
        for (long id : due) {
            expired += database.write(handle -> {
                RequestRow request = handle.attach(ApprovalDao.class).find(id).orElseThrow();
                return stillOpen(handle, request, now) == Outcome.EXPIRED ? 1 : 0;
            });
        }
        return expired;
    }

    private void close(long requestId, String requestStatus, String event, User user, String role, String comment) {
        Instant now = now();
        Outcome outcome = database.write(handle -> {
            ApprovalDao dao = handle.attach(ApprovalDao.class);
            RequestRow current = dao.find(requestId).orElseThrow();
            Outcome blocked = stillOpen(handle, current, now);
            if (blocked != null) {
                return blocked;
            }
            dao.decide(requestId, requestStatus, now);
            subjects.of(current).closed(handle, current, requestStatus);
            audit.append(handle, new NewEvent(event, current.subjectType(), current.subjectId(), user, role, comment,
                    null, detail("approvalRequest", requestId, "status", requestStatus)));
            return Outcome.DONE;
        });
        refuse(outcome, requestId);
    }

    /** Inside a write: null when the user may sign the request off now; otherwise why not. */
    private Outcome closedToSignOff(Handle handle, ApprovalDao dao, RequestRow current, User user, Instant now) {
        Outcome blocked = stillOpen(handle, current, now);
        if (blocked != null) {
            return blocked;
        }
        return dao.signedBy(current.id(), user.id()) > 0 ? Outcome.ALREADY_SIGNED : null;
    }

    /**
     * Inside a write: null when the request is still pending and in time; otherwise why not — and if its
     * time ran out, it is expired here, with its event.
     */
    private Outcome stillOpen(Handle handle, RequestRow request, Instant now) {
        if (!request.status().equals(PENDING)) {
            return Outcome.ALREADY_DECIDED;
        }
        if (request.expiresAt().isAfter(now)) {
            return null;
        }
        handle.attach(ApprovalDao.class).decide(request.id(), "EXPIRED", now);
        subjects.of(request).closed(handle, request, "EXPIRED");
        audit.append(handle, new NewEvent("expired", request.subjectType(), request.subjectId(), null, null,
                "no decision before " + request.expiresAt(), null,
                detail("approvalRequest", request.id(), "expiresAt", request.expiresAt().toString(), "status", "EXPIRED")));
        return Outcome.EXPIRED;
    }

    private void refuse(Outcome outcome, long requestId) {
        switch (outcome) {
            case ALREADY_DECIDED -> throw new Refusal(ErrorCode.ALREADY_DECIDED, "approval request " + requestId
                    + " was already decided: " + request(requestId).status());
            case EXPIRED -> throw new Refusal(ErrorCode.APPROVAL_EXPIRED, "approval request " + requestId
                    + " expired before this decision; the proposer can submit it again");
            case ALREADY_SIGNED -> throw new Refusal(ErrorCode.ALREADY_SIGNED, "you already approved request "
                    + requestId + "; it needs sign-offs from different people");
            default -> {
            }
        }
    }

    private RequestRow request(long requestId) {
        return database.read(handle -> handle.attach(ApprovalDao.class).find(requestId)).orElseThrow(() ->
                new Refusal(ErrorCode.APPROVAL_NOT_FOUND, "there is no approval request " + requestId));
    }

    private RequestRow pendingRequest(long requestId) {
        RequestRow request = request(requestId);
        if (!request.status().equals(PENDING)) {
            refuse(Outcome.ALREADY_DECIDED, requestId);
        }
        return request;
    }

    private static String optionalText(JsonNode body, String field) {
        if (body == null || !body.hasNonNull(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isTextual()) {
            throw Refusal.invalid(field, "invalid_type", "'" + field + "' must be text");
        }
        String text = value.asText().trim();
        if (text.length() > Bound.FREE_TEXT) {
            throw Refusal.invalid(field, "too_long", "'" + field + "' holds at most " + Bound.FREE_TEXT
                    + " characters, not " + text.length());
        }
        return text.isEmpty() ? null : text;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
