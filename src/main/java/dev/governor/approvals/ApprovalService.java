package dev.governor.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.audit.AuditTrail;
import dev.governor.audit.NewEvent;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.Bound;
import dev.governor.core.ErrorCode;
import dev.governor.core.FieldError;
import dev.governor.core.Json;
import dev.governor.core.Page;
import dev.governor.core.Refusal;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.Verdict;
import dev.governor.proposals.NewProposal;
import dev.governor.proposals.Proposal;
import dev.governor.proposals.ProposalLog;
import dev.governor.reference.CatalogService;
import dev.governor.reference.ScheduledPrice;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Routing;
import dev.governor.ruleset.Ruleset;
import dev.governor.store.Database;
import dev.governor.store.Prepared;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;

/**
 * ApprovalService runs a proposal's life after the guardrails spoke: it records the submission with
 * its RACI route, opens an approval request when the verdict asks for one, and takes approvals,
 * rejections, withdrawals, comments and expiry — enforcing four-eyes, re-checking at approval, and
 * recording every state change in the audit trail in the same transaction as the change.
 */
public final class ApprovalService {

    public static final String PENDING = "PENDING";

    /** The least time any approval request is given to be decided, whatever its table row or its dates say. */
    public static final Duration LEAST_TIME_TO_DECIDE = Duration.ofHours(24);

    private final Database database;
    private final ProposalLog log;
    private final AuditTrail audit;
    private final CatalogService catalogs;
    private final Map<String, Rechecker> recheckers = new ConcurrentHashMap<>();
    /** Route ids by route hash, as written; only touched on the writer's turn, cleared on any rollback. */
    private final Map<String, Long> routeIds = new ConcurrentHashMap<>();
    private final Clock clock;

    public ApprovalService(Database database, ProposalLog log, AuditTrail audit, CatalogService catalogs, Clock clock) {
        this.database = database;
        this.log = log;
        this.audit = audit;
        this.catalogs = catalogs;
        this.clock = clock;
        database.onRollback(routeIds::clear);
        subjectsOf(RequestRow.PROPOSAL, new ProposalSubject());
    }

    private final Map<String, ApprovalSubject> subjects = new ConcurrentHashMap<>();

    /** Says what approving the activation of a ruleset version does (ruleset versions register it). */
    public void activateWith(Activations activations) {
        subjectsOf(RequestRow.RULESET, new ActivationSubject(activations));
    }

    /** Says how requests about another kind of subject are re-checked and decided (its feature registers it). */
    public void subjectsOf(String subjectType, ApprovalSubject subject) {
        subjects.put(subjectType, subject);
    }

    /** Says how proposals of a kind are checked again at approval (the feature that owns the kind registers it). */
    public void recheckWith(String kind, Rechecker rechecker) {
        recheckers.put(kind, rechecker);
    }

    /** Page is one page of a listing, with the total number of matches. */
    /** Filter narrows the approval queue; null fields match everything. */
    public record Filter(String status, String decisionType, String channel) {
    }

    // ---- submission ---------------------------------------------------------------------------

    /**
     * Routes an evaluated proposal through the RACI table of the ruleset that evaluated it, checks that
     * the caller is Responsible for it, and records it — with its roles, its approval request when it
     * needs one, its audit events and, when approved outright, its effect — in one transaction.
     * {@code amount} is the decision's size for the table (price move %, discount %).
     */
    public Proposal submit(User user, Ruleset ruleset, NewProposal proposal, BigDecimal amount) {
        Evaluation evaluation = proposal.evaluation();
        String decisionType = decisionType(proposal.kind());
        Set<String> codes = new TreeSet<>();
        evaluation.findings().forEach(finding -> codes.add(finding.code()));
        Routing routing = ruleset.route(new ApprovalCase(decisionType, proposal.engine(), proposal.channel(), codes,
                amount)).orElseThrow(() -> new Refusal(ErrorCode.NO_APPROVAL_ROUTE, "the RACI table has no row for "
                + decisionType + " on " + proposal.channel() + " (" + proposal.engine() + "): finance must add one to "
                + "decision-tables/approvals before such proposals can be recorded"));
        Role responsible = responsible(user, routing, "propose a " + decisionType.toLowerCase().replace('_', ' ')
                + " on " + proposal.channel() + " (" + proposal.engine() + ")");
        String status = evaluation.verdict().name();
        Instant now = now();
        Instant expiresAt = expiry(proposal, routing, now);
        AtomicReference<PriceEffect> effect = new AtomicReference<>();
        String routeJson = json(routing);
        ProposalLog.Serialized serialized = ProposalLog.serialize(proposal, user, now);
        String routeHash = AuditTrail.sha256(routeJson);
        Proposal recorded = database.write(handle -> {
            long routeId = routeId(handle, routing, routeJson, routeHash);
            ProposalLog.Recorded written = log.insert(handle, serialized, status, routeId);
            long id = written.proposal().id();
            List<NewEvent> events = new ArrayList<>();
            events.add(new NewEvent("submitted", NewEvent.PROPOSAL, id, user, responsible.id(), null,
                    evaluation.rulesetVersion(), detail("kind", proposal.kind(), "decisionType", decisionType,
                            "channel", proposal.channel(), "skus", proposal.skus(), "contentHash", written.contentHash())));
            Map<String, Object> evaluated = evaluationDetail("submission", evaluation);
            evaluated.put("status", status);
            evaluated.put("route", routeDetail(routing));
            if (evaluation.verdict() == Verdict.PENDING_APPROVAL) {
                long requestId = insertRequest(handle, RequestRow.PROPOSAL, id, routeId, routing, user, null,
                        proposal.channel(), written.contentHash(), now, expiresAt);
                evaluated.put("approvalRequest", requestId);
                evaluated.put("expiresAt", expiresAt.toString());
            }
            events.add(new NewEvent("evaluated", NewEvent.PROPOSAL, id, null, null, null,
                    evaluation.rulesetVersion(), evaluated));
            if (evaluation.verdict() == Verdict.APPROVED) {
                events.add(new NewEvent("approved", NewEvent.PROPOSAL, id, null, null,
                        "approved by the guardrails: no finding needs a decision", evaluation.rulesetVersion(),
                        detail("automatic", true, "status", Verdict.APPROVED.name())));
                effect.set(takeEffect(handle, written.proposal(), now));
            } else if (evaluation.verdict() == Verdict.REJECTED) {
                events.add(new NewEvent("rejected", NewEvent.PROPOSAL, id, null, null,
                        "blocked by the guardrails: change the proposal, or the guardrail", evaluation.rulesetVersion(),
                        detail("automatic", true, "blockedBy", blocking(evaluation), "status", Verdict.REJECTED.name())));
            }
            audit.append(handle, events);
            return written.proposal();
        });
        afterCommit(effect.get());
        return recorded;
    }

    /**
     * The role in which {@code user} is Responsible for a decision routed this way, or 403 naming the
     * roles that are and the table row that says so.
     */
    public static Role responsible(User user, Routing routing, String what) {
        return held(user, routing.responsible(), "Responsible", routing, what);
    }

    /** The first of {@code roles} the user holds, or 403 naming them, their RACI letter and the table row. */
    private static Role held(User user, List<Role> roles, String letter, Routing routing, String what) {
        return roles.stream().filter(user::has).findFirst().orElseThrow(() -> Refusal.forbidden("to " + what
                + " you need the role " + ids(roles) + ", " + letter + " in " + where(routing)));
    }

    /** Inside a write: the stored id of this route, stored with its roles the first time it is given. */
    public long routeId(Handle handle, Routing routing) {
        String json = json(routing);
        return routeId(handle, routing, json, AuditTrail.sha256(json));
    }

    /**
     * Inside a write: opens an approval request about a subject other than a proposal, routed this way,
     * expiring after the table's days or at {@code deadline} (when given), whichever comes first; answers its id.
     */
    public long openRequest(Handle handle, String subjectType, long subjectId, long routeId, Routing routing, User by,
                            String contentHash, Instant now, Instant deadline) {
        Instant expiresAt = now.plus(Duration.ofDays(routing.expiresAfterDays()));
        return insertRequest(handle, subjectType, subjectId, routeId, routing, by, null, null, contentHash, now,
                deadline != null && deadline.isBefore(expiresAt) ? deadline : expiresAt);
    }

    /**
     * Inside a write: stores a pending approval request routed this way; answers its id. Whatever
     * deadline it is given, a request gets at least {@link #LEAST_TIME_TO_DECIDE} to be decided, so no
     * request is ever created already expired.
     */
    private static long insertRequest(Handle handle, String subjectType, long subjectId, long routeId, Routing routing,
                                      User by, Instant activateAt, String channel, String contentHash, Instant now,
                                      Instant deadline) {
        Instant expiresAt = atLeastADay(now, deadline);
        return Prepared.queryLong(handle, ApprovalDao.INSERT_REQUEST, insert -> insert.set("subjectType", subjectType)
                .set("subjectId", subjectId).set("routeId", routeId).set("requestedBy", by.id())
                .set("activateAt", activateAt).set("decisionType", routing.decisionType())
                .set("channel", channel).set("signOffs", routing.signOffs())
                .set("contentHash", contentHash).set("createdAt", now).set("expiresAt", expiresAt));
    }

    /** The route as the audit trail records it: roles by letter, sign-offs and the table row. */
    public static Map<String, Object> routeDetail(Routing routing) {
        return detail("responsible", ids(routing.responsible()), "accountable", ids(routing.accountable()),
                "consulted", ids(routing.consulted()), "informed", ids(routing.informed()),
                "signOffs", routing.signOffs(), "table", where(routing));
    }

    // ---- decisions ----------------------------------------------------------------------------

    /** Outcome is what a decision write found once it held the writer's turn. */
    private enum Outcome { DONE, ALREADY_DECIDED, EXPIRED, ALREADY_SIGNED, BLOCKED }

    public ApprovalView approve(User user, long requestId, JsonNode body) {
        String comment = optionalText(body, "comment");
        String contentHash = optionalText(body, "contentHash");
        RequestRow request = pendingRequest(requestId);
        Routing routing = routing(request);
        if (request.requestedById() == user.id()) {
            throw new Refusal(ErrorCode.SELF_APPROVAL, "you proposed this; someone else who is Accountable ("
                    + ids(routing.accountable()) + ") must approve it");
        }
        Role role = accountableRole(user, routing, "approve");
        if (contentHash != null && !contentHash.equals(request.contentHash())) {
            throw new Refusal(ErrorCode.CONTENT_MISMATCH, "the proposal's content hash is " + request.contentHash()
                    + ", not " + contentHash + ": review the proposal as recorded and approve that");
        }
        return approveSubject(user, request, role, comment);
    }

    /**
     * Asks for a ruleset version to become active at {@code at} (null: as soon as it is approved):
     * routed by the RACI table like any decision, recorded with its audit events.
     */
    public ApprovalView requestActivation(User user, Ruleset ruleset, long versionId, String versionHash, Instant at) {
        Routing routing = ruleset.route(new ApprovalCase(ApprovalCase.RULESET_ACTIVATION, null, null, Set.of(),
                BigDecimal.ZERO)).orElseThrow(() -> new Refusal(ErrorCode.NO_APPROVAL_ROUTE, "the RACI table has no "
                + "row for " + ApprovalCase.RULESET_ACTIVATION + ": add one to decision-tables/approvals"));
        return requestActivation(user, routing, versionId, versionHash, at);
    }

    /** Asks for a ruleset version to become active along {@code routing}, a route fixed by the caller. */
    public ApprovalView requestActivation(User user, Routing routing, long versionId, String versionHash, Instant at) {
        Role responsible = responsible(user, routing, "ask for a ruleset activation");
        Instant now = now();
        String routeJson = json(routing);
        String routeHash = AuditTrail.sha256(routeJson);
        long requestId = database.write(handle -> {
            long routeId = routeId(handle, routing, routeJson, routeHash);
            long id = insertRequest(handle, RequestRow.RULESET, versionId, routeId, routing, user, at, null,
                    versionHash, now, now.plus(Duration.ofDays(routing.expiresAfterDays())));
            audit.append(handle, new NewEvent("submitted", RequestRow.RULESET, versionId, user, responsible.id(), null,
                    versionHash, detail("approvalRequest", id, "decisionType", ApprovalCase.RULESET_ACTIVATION,
                            "activateAt", at == null ? "on approval" : at.toString(), "route", routeDetail(routing))));
            return id;
        });
        return view(user, requestId);
    }

    private ApprovalView approveSubject(User user, RequestRow request, Role role, String comment) {
        ApprovalSubject subject = subject(request);
        long requestId = request.id();
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
        return view(user, requestId);
    }

    /**
     * ProposalSubject is a price or promo proposal: re-checked against today's catalog and guardrails;
     * approving it makes an approved price current from its effective date (the catalog snapshot learns
     * it once the write has committed).
     */
    private final class ProposalSubject implements ApprovalSubject {

        @Override
        public Recheck recheck(RequestRow request) {
            Proposal proposal = log.find(request.proposalId()).orElseThrow();
            Evaluation recheck = ApprovalService.this.recheck(proposal);
            Map<String, Object> detail = evaluationDetail(null, recheck); // the approval path names the trigger
            detail.put("submittedVerdict", proposal.evaluation().verdict().name());
            detail.put("submittedRulesetVersion", proposal.evaluation().rulesetVersion());
            Refusal refusal = null;
            if (recheck.verdict() == Verdict.REJECTED) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("findings", recheck.findings());
                extra.put("rulesetVersion", recheck.rulesetVersion());
                extra.put("submittedRulesetVersion", proposal.evaluation().rulesetVersion());
                refusal = new Refusal(ErrorCode.BLOCKED_ON_RECHECK, "the guardrails in force now block this proposal ("
                        + String.join(", ", blocking(recheck)) + "), so it cannot be approved; the re-check is "
                        + "recorded", List.of(), extra);
            }
            return new Recheck(detail, json(recheck), recheck.rulesetVersion(), refusal);
        }

        @Override
        public Approval approved(Handle handle, RequestRow request, Instant at, User by) {
            Proposal proposal = log.find(request.proposalId()).orElseThrow();
            log.changeStatus(handle, proposal.id(), Verdict.PENDING_APPROVAL.name(), Verdict.APPROVED.name());
            PriceEffect effect = takeEffect(handle, proposal, at);
            return new Approval(effect == null ? new LinkedHashMap<>() : effect.when(at, catalogs.current().zoneOf(proposal.channel())),
                    () -> afterCommit(effect));
        }

        @Override
        public void closed(Handle handle, RequestRow request, String status) {
            log.changeStatus(handle, request.proposalId(), Verdict.PENDING_APPROVAL.name(), status);
        }

        @Override
        public Object describe(RequestRow request) {
            return log.find(request.proposalId()).orElseThrow();
        }
    }

    /** ActivationSubject is a request to activate a ruleset version: re-checked by running its example cases. */
    private record ActivationSubject(Activations activations) implements ApprovalSubject {

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
            activations.approved(handle, request.subjectId(), at, by);
            return new Approval(detail("activateAt", at.toString()),
                    () -> activations.afterApproval(request.subjectId(), at, by));
        }

        @Override
        public void closed(Handle handle, RequestRow request, String status) {
            // the version stays a draft: nothing else changes
        }

        @Override
        public Object describe(RequestRow request) {
            return new ApprovalView.Activation(request.subjectId(), request.contentHash(), request.activateAt(),
                    activations.codeChanges(request.subjectId()));
        }
    }

    private ApprovalSubject subject(RequestRow request) {
        ApprovalSubject subject = subjects.get(request.subjectType());
        if (subject == null) {
            throw new IllegalStateException("nothing handles approval requests about " + request.subjectType());
        }
        return subject;
    }

    public ApprovalView reject(User user, long requestId, JsonNode body) {
        String reason = optionalText(body, "reason");
        reason = reason == null ? optionalText(body, "comment") : reason;
        if (reason == null) {
            throw Refusal.invalid(List.of(FieldError.field("reason", "required",
                    "a rejection needs a reason, so the proposer knows what to change")));
        }
        RequestRow request = pendingRequest(requestId);
        Routing routing = routing(request);
        if (request.requestedById() == user.id()) {
            throw new Refusal(ErrorCode.SELF_APPROVAL, "you proposed this: withdraw it instead of rejecting it");
        }
        Role role = accountableRole(user, routing, "reject");
        String why = reason;
        decide(requestId, "REJECTED", "rejected", user, role.id(), why);
        return view(user, requestId);
    }

    public ApprovalView withdraw(User user, long requestId, JsonNode body) {
        RequestRow request = pendingRequest(requestId);
        if (request.requestedById() != user.id()) {
            throw new Refusal(ErrorCode.NOT_PROPOSER, "only the person who proposed it can withdraw a proposal");
        }
        decide(requestId, "WITHDRAWN", "withdrawn", user, null, optionalText(body, "comment"));
        return view(user, requestId);
    }

    /** Records a comment by a Consulted or Accountable role, or by the proposer; answers the recorded event's hash. */
    public Map<String, Object> comment(User user, long requestId, JsonNode body) {
        String comment = optionalText(body, "comment");
        if (comment == null) {
            throw Refusal.invalid(List.of(FieldError.field("comment", "required", "write the comment to record")));
        }
        RequestRow request = request(requestId);
        Routing routing = routing(request);
        String role;
        if (routing.isConsulted(user.roles())) {
            role = routing.consulted().stream().filter(user::has).findFirst().orElseThrow().id();
        } else if (routing.isAccountable(user.roles())) {
            role = routing.accountable().stream().filter(user::has).findFirst().orElseThrow().id();
        } else if (request.requestedById() == user.id()) {
            role = "proposer";
        } else {
            throw Refusal.forbidden("to comment on this request you need a Consulted (" + ids(routing.consulted())
                    + ") or Accountable (" + ids(routing.accountable()) + ") role, or to be its proposer");
        }
        String hash = database.write(handle -> audit.append(handle, new NewEvent("commented", request.subjectType(),
                request.subjectId(), user, role, comment, null, detail("approvalRequest", requestId))));
        return detail("approvalRequest", requestId, switch (request.subjectType()) {
                    case RequestRow.PROPOSAL -> "proposalId";
                    case RequestRow.RULESET -> "rulesetVersionId";
                    case RequestRow.BUDGET_SHIFT -> "budgetShiftId";
                    default -> "allocationId";
                },
                request.subjectId(), "comment", comment, "by", user.name(), "role", role, "eventHash", hash);
    }

    /** Expires every pending request past its deadline and makes due approved prices current. */
    public int sweep() {
        Instant now = now();
        List<Long> due = database.read(handle -> handle.attach(ApprovalDao.class).due(now));
        int expired = 0;
        for (long id : due) {
            expired += database.write(handle -> {
                RequestRow request = handle.attach(ApprovalDao.class).find(id).orElseThrow();
                return stillOpen(handle, request, now) == Outcome.EXPIRED ? 1 : 0;
            });
        }
        catalogs.applyDuePrices(now);
        return expired;
    }

    // ---- reading ------------------------------------------------------------------------------

    public ApprovalView view(User user, long requestId) {
        return toView(user, request(requestId));
    }

    public Page<ApprovalView> queue(User user, Filter filter, int page, int size) {
        Page.check(page, size);
        Instant now = now();
        List<String> roles = user.roles().stream().map(Role::id).toList();
        return database.read(handle -> {
            ApprovalDao dao = handle.attach(ApprovalDao.class);
            // revenue ops reads everything (DOMAIN.md), so it sees every request, with no action to take
            boolean everything = user.has(Role.REVENUE_OPS);
            List<RequestRow> rows = dao.queue(filter.status(), now, filter.decisionType(), filter.channel(), user.id(),
                    roles, everything, size, Page.offset(page, size));
            long total = dao.queueCount(filter.status(), now, filter.decisionType(), filter.channel(), user.id(), roles,
                    everything);
            return new Page<>(rows.stream().map(row -> toView(user, row)).toList(), page, size, total);
        });
    }

    public Page<FeedItem> feed(User user, int page, int size) {
        Page.check(page, size);
        List<String> roles = user.roles().stream().map(Role::id).toList();
        return database.read(handle -> {
            ApprovalDao dao = handle.attach(ApprovalDao.class);
            return new Page<>(dao.feed(user.id(), roles, size, Page.offset(page, size)), page, size,
                    dao.feedCount(user.id(), roles));
        });
    }

    /**
     * Verifies the audit trail: the hash chain, then every proposal against it — its content must
     * hash to what its submission recorded, and its status must be the one its last event set — and
     * then the other subjects (allocations) the same way.
     * Proposals recorded before the audit trail existed are counted as unaudited (a number to watch:
     * it never grows).
     */
    public AuditTrail.Verification verify() {
        AuditTrail.Verification chain = audit.verify();
        if (!chain.ok()) {
            return chain;
        }
        long after = 0;
        long unaudited = 0;
        while (true) {
            long from = after;
            var contents = log.contents(from, 1_000);
            var states = database.read(handle -> handle.attach(ApprovalDao.class).recordedStates(from, 1_000));
            for (int i = 0; i < contents.size(); i++) {
                var content = contents.get(i);
                RecordedState state = states.get(i);
                after = content.id();
                if (content.routeId() == null && state.submittedSeq() == null) {
                    // recorded before the audit trail existed (no route either): counted, not judged
                    unaudited++;
                    continue;
                }
                long at = state.submittedSeq() == null ? 0 : state.submittedSeq();
                if (state.submittedSeq() == null) {
                    return AuditTrail.Verification.broken(chain.events(), null, "proposal " + content.id()
                            + " has no submitted event: it was not recorded by Governor");
                }
                if (!content.hash().equals(state.contentHash())) {
                    return AuditTrail.Verification.broken(chain.events(), at, "proposal " + content.id()
                            + " no longer matches the content recorded when it was submitted: it was edited");
                }
                if (!content.status().equals(state.status())) {
                    return AuditTrail.Verification.broken(chain.events(), at, "proposal " + content.id()
                            + " says " + content.status() + " but its audit trail says " + state.status());
                }
                String expectedRequest = content.status().equals(Verdict.PENDING_APPROVAL.name()) ? PENDING
                        : content.status();
                if (state.requestStatus() != null && !state.requestStatus().equals(expectedRequest)) {
                    return AuditTrail.Verification.broken(chain.events(), at, "the approval request of proposal "
                            + content.id() + " says " + state.requestStatus() + " but its audit trail says " + state.status());
                }
            }
            if (contents.size() < 1_000) {
                for (ApprovalSubject subject : subjects.values()) {
                    String disagreement = subject.disagreement();
                    if (disagreement != null) {
                        return AuditTrail.Verification.broken(chain.events(), null, disagreement);
                    }
                }
                return chain.withUnaudited(unaudited);
            }
        }
    }

    // ---- inner workings -----------------------------------------------------------------------

    private void decide(long requestId, String requestStatus, String event, User user, String role, String comment) {
        Instant now = now();
        Outcome outcome = database.write(handle -> {
            ApprovalDao dao = handle.attach(ApprovalDao.class);
            RequestRow current = dao.find(requestId).orElseThrow();
            Outcome blocked = stillOpen(handle, current, now);
            if (blocked != null) {
                return blocked;
            }
            dao.decide(requestId, requestStatus, now);
            subject(current).closed(handle, current, requestStatus);
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
        subject(request).closed(handle, request, "EXPIRED");
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

    /** PriceEffect is an approved price change as written: current at once, or waiting for its date. */
    private record PriceEffect(ScheduledPrice price, boolean current) {

        /**
         * What the approval event says about when the price takes effect: on its date, or — when that
         * date had already passed in the channel's time zone — at the approval itself.
         */
        Map<String, Object> when(Instant at, ZoneId zone) {
            LocalDate effective = price.effectiveFrom();
            if (effective.isBefore(LocalDate.ofInstant(at, zone))) {
                return detail("takesEffect", at.toString(), "note", "its effective date " + effective
                        + " had passed when it was approved, so the price takes effect at approval");
            }
            return detail("takesEffect", effective.toString());
        }
    }

    /**
     * Inside the write that approves a proposal: approved price changes become current from their
     * effective date; approved promos count by their status alone. Answers the price effect, if any.
     */
    private PriceEffect takeEffect(Handle handle, Proposal proposal, Instant now) {
        if (!proposal.kind().equals(Offer.PRICE)) {
            return null;
        }
        JsonNode request = proposal.request();
        ScheduledPrice price = new ScheduledPrice(proposal.id(), request.get("sku").asText(),
                request.get("channel").asText(), request.get("price").decimalValue(),
                LocalDate.parse(request.get("effectiveFrom").asText()), now);
        return new PriceEffect(price, catalogs.approvePrice(handle, price, now));
    }

    /** Once the write committed, the catalog snapshot learns the approved price. */
    private void afterCommit(PriceEffect effect) {
        if (effect != null) {
            catalogs.priceApproved(effect.price(), effect.current());
        }
    }

    private Evaluation recheck(Proposal proposal) {
        Rechecker rechecker = recheckers.get(proposal.kind());
        try {
            return rechecker.recheck(proposal.request());
        } catch (Refusal invalid) {
            throw new Refusal(ErrorCode.RECHECK_FAILED, "the proposal cannot be checked against today's catalog and "
                    + "guardrails (" + invalid.getMessage() + "), so it cannot be approved", invalid.errors(), null);
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

    private static Role accountableRole(User user, Routing routing, String action) {
        return held(user, routing.accountable(), "Accountable", routing, action + " this request");
    }

    private ApprovalView toView(User user, RequestRow row) {
        Routing routing = routing(row);
        Object described = subject(row).describe(row);
        Proposal proposal = described instanceof Proposal about ? about : null;
        ApprovalView.Activation activation = described instanceof ApprovalView.Activation about ? about : null;
        Object allocation = row.subjectType().equals(RequestRow.ALLOCATION) ? described : null;
        Object budgetShift = row.subjectType().equals(RequestRow.BUDGET_SHIFT) ? described : null;
        List<SignOff> given = database.read(handle -> handle.attach(ApprovalDao.class).signOffs(row.id()));
        Instant now = now();
        // a request whose time ran out is expired, even before the sweep has recorded it
        boolean lapsed = row.status().equals(PENDING) && !row.expiresAt().isAfter(now);
        String status = lapsed ? "EXPIRED" : row.status();
        Instant until = row.decidedAt() != null ? row.decidedAt() : lapsed ? row.expiresAt() : now;
        Duration waited = Duration.between(row.createdAt(), until);
        List<String> actions = new ArrayList<>();
        boolean pending = status.equals(PENDING);
        boolean proposer = row.requestedById() == user.id();
        boolean signed = given.stream().anyMatch(signOff -> signOff.user().equals(user.name()));
        if (pending && !proposer && routing.isAccountable(user.roles()) && !signed) {
            actions.add("approve");
            actions.add("reject");
        }
        if (pending && proposer) {
            actions.add("withdraw");
        }
        if (proposer || routing.isConsulted(user.roles()) || routing.isAccountable(user.roles())) {
            actions.add("comment");
        }
        List<ApprovalView.Comment> comments = audit.history(row.subjectType(), row.subjectId()).stream()
                .filter(event -> event.event().equals("commented"))
                .map(event -> new ApprovalView.Comment(event.actor(), event.role(), event.at(), event.comment()))
                .toList();
        return new ApprovalView(row.id(), status, row.decisionType(), row.channel(), proposal, activation, allocation, budgetShift,
                new ApprovalView.Waiting(row.createdAt(), waited.toSeconds(), text(waited)), row.expiresAt(),
                row.decidedAt(), new ApprovalView.SignOffs(row.signOffsRequired(), given), comments, routing,
                row.contentHash(), actions);
    }

    /**
     * When a proposal's request expires: after the table's days, or once its effective date (a promo's
     * first day) has passed in the channel's time zone, whichever comes first — but never within
     * {@link #LEAST_TIME_TO_DECIDE}, as {@link #insertRequest} holds for every request.
     */
    private Instant expiry(NewProposal proposal, Routing routing, Instant now) {
        Instant byDays = now.plus(Duration.ofDays(routing.expiresAfterDays()));
        LocalDate effective = proposal.effectiveFrom() != null ? proposal.effectiveFrom() : proposal.start();
        Instant passed = effective.plusDays(1).atStartOfDay(catalogs.current().zoneOf(proposal.channel())).toInstant();
        return atLeastADay(now, byDays.isBefore(passed) ? byDays : passed);
    }

    /** {@code deadline}, or {@link #LEAST_TIME_TO_DECIDE} from {@code now} when that is later. */
    private static Instant atLeastADay(Instant now, Instant deadline) {
        Instant least = now.plus(LEAST_TIME_TO_DECIDE);
        return deadline.isBefore(least) ? least : deadline;
    }

    static String decisionType(String kind) {
        return kind.equals(Offer.PRICE) ? ApprovalCase.PRICE_CHANGE : ApprovalCase.PROMOTION;
    }

    private static Routing routing(RequestRow row) {
        try {
            return Json.MAPPER.readValue(row.route(), Routing.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("approval request " + row.id() + " holds an unreadable route", e);
        }
    }

    /**
     * Inside a write: the id of this route, stored with its roles the first time it is given. Known
     * routes are remembered, so most submissions write no route at all; any rollback forgets them.
     */
    private long routeId(Handle handle, Routing routing, String json, String hash) {
        Long known = routeIds.get(hash);
        if (known != null) {
            return known;
        }
        long id = handle.attach(ApprovalDao.class).routeId(hash).orElseGet(() -> {
            long created = handle.createUpdate(ApprovalDao.INSERT_ROUTE).bind("hash", hash).bind("definition", json)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            var roles = handle.prepareBatch(ApprovalDao.INSERT_ROLE);
            Map<String, List<Role>> byLetter = Map.of("R", routing.responsible(), "A", routing.accountable(),
                    "C", routing.consulted(), "I", routing.informed());
            byLetter.forEach((letter, held) -> held.forEach(role ->
                    roles.bind("id", created).bind("raci", letter).bind("role", role.id()).add()));
            roles.execute();
            return created;
        });
        routeIds.put(hash, id);
        return id;
    }

    private static Map<String, Object> evaluationDetail(String trigger, Evaluation evaluation) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding finding : evaluation.findings()) {
            findings.add(detail("code", finding.code(), "severity", finding.severity().name(), "sku", finding.sku()));
        }
        return detail("trigger", trigger, "verdict", evaluation.verdict().name(), "findings", findings);
    }

    private static List<String> blocking(Evaluation evaluation) {
        return evaluation.findings().stream().filter(finding -> finding.severity().name().equals("BLOCK"))
                .map(Finding::code).distinct().toList();
    }

    private static String where(Routing routing) {
        var source = routing.source();
        return source.workbook() == null ? "rule '" + source.rule() + "'"
                : source.workbook() + ", sheet " + source.sheet() + ", row " + source.row();
    }

    private static String ids(List<Role> roles) {
        return roles.isEmpty() ? "nobody" : String.join(" or ", roles.stream().map(Role::id).toList());
    }

    private static String optionalText(JsonNode body, String field) {
        if (body == null || !body.hasNonNull(field)) {
            return null;
        }
        JsonNode value = body.get(field);
        if (!value.isTextual()) {
            throw Refusal.invalid(List.of(FieldError.field(field, "invalid_type", "'" + field + "' must be text")));
        }
        String text = value.asText().trim();
        if (text.length() > Bound.FREE_TEXT) {
            throw Refusal.invalid(List.of(FieldError.field(field, "too_long", "'" + field + "' holds at most "
                    + Bound.FREE_TEXT + " characters, not " + text.length())));
        }
        return text.isEmpty() ? null : text;
    }

        private static String text(Duration waited) {
        long days = waited.toDays();
        long hours = waited.toHoursPart();
        long minutes = waited.toMinutesPart();
        return days > 0 ? days + " d " + hours + " h" : hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
