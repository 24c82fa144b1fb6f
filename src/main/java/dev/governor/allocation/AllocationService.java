package dev.governor.allocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.ApprovalSubject;
import dev.governor.approvals.RecordedSubjects;
import dev.governor.approvals.RequestRow;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.FieldError;
import dev.governor.core.Filter;
import dev.governor.core.Json;
import dev.governor.core.Page;
import dev.governor.core.Refusal;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Verdict;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;

/**
 * AllocationService answers "how do I split these scarce units?" and records every answer: the request,
 * the plan of each SKU, the findings, the ruleset version and who asked. A request that proposes its
 * own split is routed by the RACI table and waits for approval; this service is the approval path's
 * handler for such requests.
 */
public final class AllocationService implements ApprovalSubject {

    public static final String DECISION_TYPE = "SUPPLY_ALLOCATION";

    private final Database database;
    private final CatalogService catalogs;
    private final Rulesets rulesets;
    private final Submissions submissions;
    private final Clock clock;

    public AllocationService(Database database, CatalogService catalogs, Rulesets rulesets, Submissions submissions,
                             Clock clock) {
        this.database = database;
        this.catalogs = catalogs;
        this.rulesets = rulesets;
        this.submissions = submissions;
        this.clock = clock;
    }

    /** Plans and records an allocation request for the caller, who must be Responsible for allocations. */
    public Allocation allocate(User user, JsonNode body) {
        Ruleset ruleset = rulesets.active();
        AllocationRequest request = parse(body);
        List<SkuPlan> plans = AllocationPlanner.plan(ruleset, request);
        TreeSet<String> codes = new TreeSet<>();
        BigDecimal moved = BigDecimal.ZERO;
        for (SkuPlan plan : plans) {
            plan.findings().forEach(finding -> codes.add(finding.code()));
            if (plan.override() != null && plan.override().movedPercent().compareTo(moved) > 0) {
                moved = plan.override().movedPercent();
            }
        }
        ApprovalRoute routing = Routes.route(ruleset, new ApprovalCase(DECISION_TYPE, null, null, codes, moved),
                "allocations");
        // refused before the plans are written out, which takes a while for thousands of SKUs
        Routes.responsible(user, routing, "ask for an allocation");
        Verdict verdict = plans.stream().map(SkuPlan::verdict).max(Enum::compareTo).orElse(Verdict.APPROVED);
        String requestJson = Json.write(request.toJson());
        String contentHash = AuditTrail.sha256(requestJson);
        List<String> planJson = plans.parallelStream().map(Json::write).toList();
        Allocation.Summary summary = summary(plans);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Submissions.Recorded recorded = submissions.submit(Submissions.Submission.evaluated(RequestRow.ALLOCATION,
                user, routing, "ask for an allocation", verdict, ruleset.hash(), detail("trigger", "submission",
                        "verdict", verdict.name(), "findings", findingCounts(plans)), null, null, now, null,
                new Submissions.Automatic("the computed plan applies: no finding needs a decision",
                        "blocked by the allocation tables", Map.of())), (handle, status, routeId) -> {
            AllocationDao dao = handle.attach(AllocationDao.class);
            long allocationId = dao.insert(new AllocationDao.NewAllocation(status, verdict.name(), request.start(),
                    request.horizonWeeks(), plans.size(), summary.available(), summary.allocated(),
                    summary.shortfalls(), summary.overrides(), request.note(), requestJson, contentHash,
                    ruleset.hash(), routeId, user.id(), now));
            List<AllocationDao.NewLine> lines = new ArrayList<>(plans.size());
            for (int i = 0; i < plans.size(); i++) {
                SkuPlan plan = plans.get(i);
                lines.add(new AllocationDao.NewLine(i, plan.sku(), plan.band().name(), plan.verdict().name(),
                        plan.available(), plan.allocated(), shortfalls(plan), plan.override() != null, planJson.get(i)));
            }
            dao.insertLines(allocationId, lines);
            return new Submissions.Written(allocationId, contentHash, detail("decisionType", DECISION_TYPE,
                    "skus", plans.size(), "contentHash", contentHash, "plansHash", plansHash(planJson)));
        }, Submissions.Effect.NONE);
        // answered from what was just written, not read back: 10,000 plans are tens of megabytes
        return new Allocation(recorded.subject().id(), verdict.name(), verdict.name(), request.start(),
                request.horizonWeeks(), request.note(), ruleset.hash(), user.name(), now, contentHash,
                recorded.requestId(), summary,
                "[" + String.join(",", planJson) + "]");
    }

    /** One recorded allocation with its plans (only the plan of {@code sku} when given). */
    public Allocation find(long id, String sku) {
        return database.read(handle -> {
            AllocationDao dao = handle.attach(AllocationDao.class);
            AllocationRow row = dao.find(id).orElseThrow(() -> new Refusal(ErrorCode.ALLOCATION_NOT_FOUND,
                    "there is no allocation " + id));
            return toAllocation(dao, row, "[" + String.join(",", dao.plans(id, sku, false)) + "]");
        });
    }

    /** Recorded allocations, newest first, without their plans. */
    public Page<Allocation> list(Filter filter, int page, int size) {
        Page.check(page, size);
        Instant from = filter.fromInstant();
        Instant to = filter.untilInstant();
        return database.read(handle -> {
            AllocationDao dao = handle.attach(AllocationDao.class);
            List<Allocation> items = dao.list(filter.status(), filter.sku(), from, to, size, Page.offset(page, size)).stream()
                    .map(row -> toAllocation(dao, row, null)).toList();
            return new Page<>(items, page, size, dao.count(filter.status(), filter.sku(), from, to));
        });
    }

    // ---- as the subject of approval requests ---------------------------------------------------------

    /** Plans the recorded request again with the rules in force: if they now block it, it cannot be approved. */
    @Override
    public Recheck recheck(RequestRow request) {
        AllocationRow row = database.read(handle -> handle.attach(AllocationDao.class).find(request.subjectId()))
                .orElseThrow();
        Ruleset ruleset = rulesets.active();
        List<SkuPlan> plans;
        try {
            plans = AllocationPlanner.plan(ruleset, parse(Json.MAPPER.readTree(row.request()),
                    row.startDate()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (Refusal invalid) {
            throw new Refusal(ErrorCode.RECHECK_FAILED, "the allocation cannot be planned again with today's catalog "
                    + "and tables (" + invalid.getMessage() + "), so it cannot be approved", invalid.errors(), null);
        }
        Verdict verdict = plans.stream().map(SkuPlan::verdict).max(Enum::compareTo).orElse(Verdict.APPROVED);
        Refusal refusal = verdict != Verdict.REJECTED ? null : new Refusal(ErrorCode.BLOCKED_ON_RECHECK,
                "the allocation tables in force now block this allocation, so it cannot be approved; the re-check "
                        + "is recorded", List.of(), Map.of("findings", findings(plans), "rulesetVersion", ruleset.hash(),
                "submittedRulesetVersion", row.rulesetVersion()));
        return new Recheck(detail("verdict", verdict.name(), "findings", findingCounts(plans),
                "submittedVerdict", row.verdict(), "submittedRulesetVersion", row.rulesetVersion()),
                Json.write(Map.of("verdict", verdict.name())), ruleset.hash(), refusal);
    }

    @Override
    public Approval approved(Handle handle, RequestRow request, Instant at, User by) {
        handle.attach(AllocationDao.class).changeStatus(request.subjectId(), Verdict.APPROVED.name());
        // an allocation is advice to operations: approving it changes its status, nothing else
        return Approval.of(detail("plan", "the proposed split applies"));
    }

    @Override
    public void closed(Handle handle, RequestRow request, String status) {
        handle.attach(AllocationDao.class).changeStatus(request.subjectId(), status);
    }

    /** What an approver sees: the allocation's summary and the plans of the SKUs whose split was overridden. */
    @Override
    public Object describe(RequestRow request) {
        return database.read(handle -> {
            AllocationDao dao = handle.attach(AllocationDao.class);
            AllocationRow row = dao.find(request.subjectId()).orElseThrow();
            return toAllocation(dao, row, "[" + String.join(",", dao.plans(row.id(), null, true)) + "]");
        });
    }

    @Override
    public String name() {
        return "allocation";
    }

    /** Every allocation's request and plans must hash to what its submission recorded, its status to its last event's. */
    @Override
    public Verified verify() {
        return new Verified(RecordedSubjects.firstDisagreement(after -> database.read(handle ->
                        handle.attach(AllocationDao.class).recorded(after, RecordedSubjects.page())),
                AllocationDao.RecordedAllocation::id, recorded -> {
                    String subject = "allocation " + recorded.id();
                    String edited = RecordedSubjects.requestDisagreement(subject, recorded.request(),
                            recorded.contentHash(), recorded.submittedHash());
                    if (edited != null) {
                        return edited;
                    }
                    List<String> plans = database.read(handle -> handle.attach(AllocationDao.class)
                            .plans(recorded.id(), null, false));
                    if (!plansHash(plans).equals(recorded.submittedPlansHash())) {
                        return "the plans of " + subject + " no longer match the ones recorded when it was "
                                + "submitted: they were edited";
                    }
                    return RecordedSubjects.statusDisagreement(subject, recorded.status(), recorded.lastStatus());
                }), null, 0);
    }

    // ---- inner workings ---------------------------------------------------------------------------

    private static String plansHash(List<String> plans) {
        return AuditTrail.sha256(String.join("\n", plans));
    }

    private AllocationRequest parse(JsonNode body) {
        return parse(body, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    private AllocationRequest parse(JsonNode body, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        var request = AllocationRequest.parse(body, catalogs.current(), today, errors);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return request.orElseThrow();
    }

    private static Allocation toAllocation(AllocationDao dao, AllocationRow row, String plans) {
        Map<String, Integer> bands = new TreeMap<>();
        dao.bands(row.id()).forEach(count -> bands.put(count.band(), count.skus()));
        return new Allocation(row.id(), row.status(), row.verdict(), row.startDate(), row.horizonWeeks(), row.note(),
                row.rulesetVersion(), row.requestedBy(), row.createdAt(), row.contentHash(), row.approvalRequest(),
                new Allocation.Summary(row.skuCount(), row.available(), row.allocated(),
                        row.available() - row.allocated(), row.shortfalls(), row.overrides(), bands), plans);
    }

    private static Allocation.Summary summary(List<SkuPlan> plans) {
        long available = 0;
        long allocated = 0;
        int shortfalls = 0;
        int overrides = 0;
        Map<String, Integer> bands = new TreeMap<>();
        for (SkuPlan plan : plans) {
            available += plan.available();
            allocated += plan.allocated();
            shortfalls += shortfalls(plan);
            overrides += plan.override() == null ? 0 : 1;
            bands.merge(plan.band().name(), 1, Integer::sum);
        }
        return new Allocation.Summary(plans.size(), available, allocated, available - allocated, shortfalls, overrides,
                bands);
    }

    private static int shortfalls(SkuPlan plan) {
        return (int) plan.findings().stream().filter(finding -> finding.code().equals(AllocationPlanner.SHORTFALL)).count();
    }

    private static Map<String, Long> findingCounts(List<SkuPlan> plans) {
        Map<String, Long> counts = new TreeMap<>();
        plans.forEach(plan -> plan.findings().forEach(finding -> counts.merge(finding.code(), 1L, Long::sum)));
        return counts;
    }

    private static List<Finding> findings(List<SkuPlan> plans) {
        return plans.stream().flatMap(plan -> plan.findings().stream()).limit(100).toList();
    }
}
