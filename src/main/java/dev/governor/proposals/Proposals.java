package dev.governor.proposals;

import dev.governor.approvals.ApprovalSubject;
import dev.governor.approvals.RequestRow;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Submissions;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Verdict;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Ruleset;
import dev.governor.store.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;

/**
 * Proposals are price and promo proposals on their way through the approvals pipeline: submitted
 * along the RACI route of the ruleset that evaluated them, re-checked when someone approves them,
 * and, once approved, carried out by the feature that owns their kind ({@link ProposalRules}).
 */
public final class Proposals implements ApprovalSubject {

    private final Database database;
    private final ProposalLog log;
    private final Submissions submissions;
    private final CatalogService catalogs;
    private final Clock clock;
    private final Map<ProposalKind, ProposalRules> rules = new ConcurrentHashMap<>();

    public Proposals(Database database, ProposalLog log, Submissions submissions, CatalogService catalogs, Clock clock) {
        this.database = database;
        this.log = log;
        this.submissions = submissions;
        this.catalogs = catalogs;
        this.clock = clock;
    }

    /** Says how proposals of {@code kind} are re-checked and carried out (the feature that owns the kind registers it). */
    public void register(ProposalKind kind, ProposalRules kindRules) {
        rules.put(kind, kindRules);
    }

    /**
     * Routes an evaluated proposal through the RACI table of the ruleset that evaluated it and records
     * it through the approvals pipeline — with its approval request when it needs one and, when the
     * guardrails approve it alone, its effect. {@code amount} is the decision's size for the table
     * (price move %, discount %).
     */
    public Proposal submit(User user, Ruleset ruleset, NewProposal proposal, BigDecimal amount) {
        Evaluation evaluation = proposal.evaluation();
        String decisionType = proposal.kind().decisionType();
        Set<String> codes = new TreeSet<>();
        evaluation.findings().forEach(finding -> codes.add(finding.code()));
        ApprovalRoute routing = Routes.route(ruleset, new ApprovalCase(decisionType, proposal.engine(), proposal.channel(),
                codes, amount), "such proposals");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ProposalLog.Serialized serialized = ProposalLog.serialize(proposal, user, now);
        Proposal[] recorded = {null};
        submissions.submit(Submissions.Submission.evaluated(RequestRow.PROPOSAL, user, routing,
                        "propose a " + decisionType.toLowerCase().replace('_', ' ') + " on " + proposal.channel() + " ("
                                + proposal.engine() + ")", evaluation.verdict(), evaluation.rulesetVersion(),
                        evaluationDetail("submission", evaluation), null, proposal.channel(), now, lastDay(proposal),
                        new Submissions.Automatic("approved by the guardrails: no finding needs a decision",
                                "blocked by the guardrails: change the proposal, or the guardrail",
                                detail("blockedBy", blocking(evaluation)))),
                (handle, status, routeId) -> {
                    ProposalLog.Recorded written = log.insert(handle, serialized, status, routeId);
                    recorded[0] = written.proposal();
                    return new Submissions.Written(written.proposal().id(), written.contentHash(), detail(
                            "kind", proposal.kind(), "decisionType", decisionType, "channel", proposal.channel(),
                            "skus", proposal.skus(), "contentHash", written.contentHash()));
                },
                (handle, written) -> rulesOf(recorded[0]).approved(handle, recorded[0], now).afterCommit());
        return recorded[0];
    }

    /**
     * The end of a proposal's time to decide, besides its table row's days: once its effective date (a
     * promo's first day) has passed in the channel's time zone.
     */
    private Instant lastDay(NewProposal proposal) {
        LocalDate effective = proposal.effectiveFrom() != null ? proposal.effectiveFrom() : proposal.start();
        return effective.plusDays(1).atStartOfDay(catalogs.current().zoneOf(proposal.channel())).toInstant();
    }

    @Override
    public String name() {
        return "proposal";
    }

    /** Re-checked against today's catalog and the guardrails in force; blocked when they now reject it. */
    @Override
    public Recheck recheck(RequestRow request) {
        Proposal proposal = log.find(request.subjectId()).orElseThrow();
        Evaluation recheck;
        try {
            recheck = rulesOf(proposal).recheck(proposal);
        } catch (Refusal invalid) {
            throw new Refusal(ErrorCode.RECHECK_FAILED, "the proposal cannot be checked against today's catalog and "
                    + "guardrails (" + invalid.getMessage() + "), so it cannot be approved", invalid.errors(), null);
        }
        Map<String, Object> detail = evaluationDetail(null, recheck); // the approval path names the trigger
        detail.put("submittedVerdict", proposal.evaluation().verdict().name());
        detail.put("submittedRulesetVersion", proposal.evaluation().rulesetVersion());
        Refusal refusal = null;
        if (recheck.verdict() == Verdict.REJECTED) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("findings", recheck.findings());
            details.put("rulesetVersion", recheck.rulesetVersion());
            details.put("submittedRulesetVersion", proposal.evaluation().rulesetVersion());
            refusal = new Refusal(ErrorCode.BLOCKED_ON_RECHECK, "the guardrails in force now block this proposal ("
                    + String.join(", ", blocking(recheck)) + "), so it cannot be approved; the re-check is "
                    + "recorded", List.of(), details);
        }
        return new Recheck(detail, Json.write(recheck), recheck.rulesetVersion(), refusal);
    }

    @Override
    public Approval approved(Handle handle, RequestRow request, Instant at, User by) {
        Proposal proposal = log.find(request.subjectId()).orElseThrow();
        log.changeStatus(handle, proposal.id(), Verdict.PENDING_APPROVAL.name(), Verdict.APPROVED.name());
        return rulesOf(proposal).approved(handle, proposal, at);
    }

    @Override
    public void closed(Handle handle, RequestRow request, String status) {
        log.changeStatus(handle, request.subjectId(), Verdict.PENDING_APPROVAL.name(), status);
    }

    @Override
    public Object describe(RequestRow request) {
        return log.find(request.subjectId()).orElseThrow();
    }

    /**
     * Every proposal against its audit trail: its content must hash to what its submission recorded,
     * its status must be the one its last event set, and its approval request's status must agree.
     * Proposals recorded before the audit trail existed (no route, no submitted event) are counted.
     */
    @Override
    public Verified verify() {
        long after = 0;
        long unaudited = 0;
        while (true) {
            long from = after;
            var contents = log.contents(from, 1_000);
            var states = database.read(handle -> handle.attach(ProposalDao.class).recordedStates(from, 1_000));
            for (int i = 0; i < contents.size(); i++) {
                var content = contents.get(i);
                RecordedState state = states.get(i);
                after = content.id();
                if (content.routeId() == null && state.submittedSeq() == null) {
                    unaudited++;
                    continue;
                }
                if (state.submittedSeq() == null) {
                    return new Verified("proposal " + content.id()
                            + " has no submitted event: it was not recorded by Governor", null, unaudited);
                }
                long at = state.submittedSeq();
                if (!content.hash().equals(state.contentHash())) {
                    return new Verified("proposal " + content.id()
                            + " no longer matches the content recorded when it was submitted: it was edited", at, unaudited);
                }
                if (!content.status().equals(state.status())) {
                    return new Verified("proposal " + content.id() + " says " + content.status()
                            + " but its audit trail says " + state.status(), at, unaudited);
                }
                String expectedRequest = content.status().equals(Verdict.PENDING_APPROVAL.name()) ? "PENDING"
                        : content.status();
                if (state.requestStatus() != null && !state.requestStatus().equals(expectedRequest)) {
                    return new Verified("the approval request of proposal " + content.id() + " says "
                            + state.requestStatus() + " but its audit trail says " + state.status(), at, unaudited);
                }
            }
            if (contents.size() < 1_000) {
                return Verified.agreed(unaudited);
            }
        }
    }

    private ProposalRules rulesOf(Proposal proposal) {
        ProposalRules kindRules = rules.get(proposal.kind());
        if (kindRules == null) {
            throw new IllegalStateException("nothing carries out " + proposal.kind() + " proposals");
        }
        return kindRules;
    }

    /** An evaluation as the trail records it: the trigger, the verdict and each finding's code, severity and SKU. */
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
}
