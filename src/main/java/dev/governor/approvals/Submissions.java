package dev.governor.approvals;

import dev.governor.audit.AuditTrail;
import dev.governor.audit.NewEvent;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.guardrail.Verdict;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;

/**
 * Submissions is the one way a subject enters Governor, whatever its kind — a price or promo
 * proposal, an allocation, a budget shift, a ruleset activation: the caller must be Responsible
 * for it in its RACI route; the feature writes its subject; the pipeline records the submitted and
 * evaluated events, opens an approval request when the verdict asks a person to decide, and records
 * the guardrails' own approval or rejection otherwise — all in one transaction.
 */
public final class Submissions {

    /** The least time any approval request is given to be decided, whatever its table row or its dates say. */
    public static final Duration LEAST_TIME_TO_DECIDE = Duration.ofHours(24);

    /**
     * Submission is a subject about to be recorded: its kind, who submits it and along which route
     * ({@code action} says what they do, for a refusal), what the guardrails answered — the verdict,
     * under which version, and the evaluation's detail for the trail (null for a request that is not
     * evaluated, such as an activation) — and for its approval request: the channel, when it was
     * submitted, the latest it may be decided (null: the table's days) and when it takes effect.
     */
    public record Submission(String subjectType, User user, ApprovalRoute routing, String action, Verdict verdict,
                             String rulesetVersion, Map<String, Object> evaluation, String note, String channel,
                             Instant now, Instant deadline, Instant activateAt, Automatic automatic) {

        /** A subject the guardrails evaluated; {@code evaluation} holds the trigger, verdict and findings. */
        public static Submission evaluated(String subjectType, User user, ApprovalRoute routing, String action,
                                           Verdict verdict, String rulesetVersion, Map<String, Object> evaluation,
                                           String note, String channel, Instant now, Instant deadline,
                                           Automatic automatic) {
            return new Submission(subjectType, user, routing, action, verdict, rulesetVersion, evaluation, note,
                    channel, now, deadline, null, automatic);
        }

        /** A request that always waits for a person, about a subject that exists already (a version to activate). */
        public static Submission request(String subjectType, User user, ApprovalRoute routing, String action,
                                         String version, Instant now, Instant activateAt) {
            return new Submission(subjectType, user, routing, action, Verdict.PENDING_APPROVAL, version, null, null,
                    null, now, null, activateAt, null);
        }
    }

    /**
     * Automatic is what the trail says when the guardrails decide alone: the comment of the approval
     * when nothing needs a person, and of the rejection when something blocks, with the rejection's detail.
     */
    public record Automatic(String approved, String rejected, Map<String, Object> rejectedDetail) {
    }

    /** Written is a subject as its feature wrote it: its id, the hash of its content, and what its submitted event records. */
    public record Written(long id, String contentHash, Map<String, Object> submitted) {
    }

    /** Writer writes the feature's subject, with its status and route, inside the pipeline's transaction. */
    @FunctionalInterface
    public interface Writer {
        Written write(Handle handle, String status, long routeId);
    }

    /**
     * Effect is what a subject approved by the guardrails alone changes, inside the same write; it
     * answers what to do once the write has committed.
     */
    @FunctionalInterface
    public interface Effect {
        Runnable approved(Handle handle, Written written);

        Effect NONE = (handle, written) -> () -> { };
    }

    /** Recorded is what the pipeline wrote: the subject, its approval request (null when none) and when that expires. */
    public record Recorded(Written subject, Long requestId, Instant expiresAt) {
    }

    private final Database database;
    private final Routes routes;
    private final AuditTrail audit;

    public Submissions(Database database, Routes routes, AuditTrail audit) {
        this.database = database;
        this.routes = routes;
        this.audit = audit;
    }

    /** Records the submission in a write of its own; {@code effect} runs when the guardrails approve it alone. */
    public Recorded submit(Submission submission, Writer writer, Effect effect) {
        Role responsible = Routes.responsible(submission.user(), submission.routing(), submission.action());
        // the route's JSON and hash are made here, off the writer's turn
        Routes.Stored route = Routes.Stored.of(submission.routing());
        Runnable[] afterCommit = {null};
        Recorded recorded = database.write(handle -> {
            Recorded written = write(handle, submission, responsible, route, writer);
            afterCommit[0] = submission.verdict() == Verdict.APPROVED ? effect.approved(handle, written.subject()) : null;
            return written;
        });
        if (afterCommit[0] != null) {
            afterCommit[0].run();
        }
        return recorded;
    }

    /**
     * Records the submission inside the caller's write, for a feature whose route depends on what the
     * write reads (a budget shift's flex left); nothing is approved alone with an effect here.
     */
    public Recorded record(Handle handle, Submission submission, Writer writer) {
        return write(handle, submission, Routes.responsible(submission.user(), submission.routing(),
                submission.action()), Routes.Stored.of(submission.routing()), writer);
    }

    private Recorded write(Handle handle, Submission submission, Role responsible, Routes.Stored route,
                           Writer writer) {
        ApprovalRoute routing = submission.routing();
        Verdict verdict = submission.verdict();
        long routeId = routes.idOf(handle, route);
        Written written = writer.write(handle, verdict.name(), routeId);
        String type = submission.subjectType();
        Long requestId = null;
        Instant expiresAt = null;
        if (verdict == Verdict.PENDING_APPROVAL) {
            Instant expires = expiry(submission.now(), routing, submission.deadline());
            expiresAt = expires;
            requestId = ApprovalDao.insertRequest(handle, new ApprovalDao.NewRequest(type, written.id(),
                    routing.decisionType(), submission.channel(), routing.signOffs(), written.contentHash(), routeId,
                    submission.user().id(), submission.activateAt(), submission.now(), expires));
        }
        String version = submission.rulesetVersion();
        List<NewEvent> events = new ArrayList<>();
        Map<String, Object> submitted = new LinkedHashMap<>(written.submitted());
        if (submission.evaluation() == null) {
            submitted.put("approvalRequest", requestId);
            submitted.put("route", Routes.detail(routing));
            events.add(new NewEvent("submitted", type, written.id(), submission.user(), responsible.id(),
                    submission.note(), version, submitted));
        } else {
            events.add(new NewEvent("submitted", type, written.id(), submission.user(), responsible.id(),
                    submission.note(), version, submitted));
            Map<String, Object> evaluated = new LinkedHashMap<>(submission.evaluation());
            evaluated.put("status", verdict.name());
            evaluated.put("route", Routes.detail(routing));
            if (requestId != null) {
                evaluated.put("approvalRequest", requestId);
                evaluated.put("expiresAt", expiresAt.toString());
            }
            events.add(new NewEvent("evaluated", type, written.id(), null, null, null, version, evaluated));
            Automatic automatic = submission.automatic();
            if (verdict == Verdict.APPROVED) {
                events.add(new NewEvent("approved", type, written.id(), null, null, automatic.approved(), version,
                        detail("automatic", true, "status", Verdict.APPROVED.name())));
            } else if (verdict == Verdict.REJECTED) {
                Map<String, Object> rejected = detail("automatic", true);
                rejected.putAll(automatic.rejectedDetail());
                rejected.put("status", Verdict.REJECTED.name());
                events.add(new NewEvent("rejected", type, written.id(), null, null, automatic.rejected(), version,
                        rejected));
            }
        }
        audit.append(handle, events);
        return new Recorded(written, requestId, expiresAt);
    }

    /**
     * When a request opened {@code now} expires: after its table row's days, or at {@code deadline}
     * when that comes first — but never within {@link #LEAST_TIME_TO_DECIDE}, so no request is ever
     * created already expired.
     */
    static Instant expiry(Instant now, ApprovalRoute routing, Instant deadline) {
        Instant byDays = now.plus(Duration.ofDays(routing.expiresAfterDays()));
        Instant expiresAt = deadline != null && deadline.isBefore(byDays) ? deadline : byDays;
        Instant least = now.plus(LEAST_TIME_TO_DECIDE);
        return expiresAt.isBefore(least) ? least : expiresAt;
    }
}
