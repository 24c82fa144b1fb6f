package dev.governor.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.RequestRow;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.User;
import dev.governor.core.FieldError;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.guardrail.BudgetShift;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.LineFlex;
import dev.governor.guardrail.Verdict;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.governor.audit.NewEvent.detail;

/**
 * BudgetService answers "may I move this much media budget from this line to that one this week?" and
 * records every answer. A shift is evaluated and recorded in one write, after every write before it:
 * two requests never both spend the same remaining flex. Shifts that need approval are routed by the
 * RACI table (BUDGET_SHIFT within one engine, BUDGET_SHIFT_CROSS_ENGINE across engines) and hold the
 * amount they would take out of their source line until they are approved, rejected, withdrawn or
 * expired ({@link BudgetShifts} carries them through approval, {@link BudgetRecords} reads them back).
 */
public final class BudgetService {

    public static final String WITHIN_ENGINE = "BUDGET_SHIFT";
    public static final String ACROSS_ENGINES = "BUDGET_SHIFT_CROSS_ENGINE";
    /** The kind of the budget workbook's example cases. */
    public static final String EXAMPLE_KIND = "BUDGET";
    private static final String WORKBOOK = "decision-tables/budget";

    private final Database database;
    private final Rulesets rulesets;
    private final Submissions submissions;
    private final BudgetRecords records;
    private final Clock clock;

    public BudgetService(Database database, Rulesets rulesets, Submissions submissions, BudgetRecords records,
                         Clock clock) {
        this.database = database;
        this.rulesets = rulesets;
        this.submissions = submissions;
        this.records = records;
        this.clock = clock;
    }

    /** Evaluates and records a shift for the caller, who must be Responsible for it in the RACI table. */
    public BudgetShiftView submit(User user, JsonNode body) {
        Ruleset ruleset = rulesets.active();
        ShiftRequest request = parse(body);
        String requestJson = Json.write(request.toJson());
        String contentHash = AuditTrail.sha256(requestJson);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = database.write(handle -> {
            BudgetDao dao = handle.attach(BudgetDao.class);
            Map<String, LineFlex> flex = BudgetLedger.flexOf(dao.ledger(request.week().toString()), null);
            BudgetRules.Outcome outcome = evaluate(ruleset, request, flex);
            WeekLine from = outcome.lines().get(request.fromLine());
            WeekLine to = outcome.lines().get(request.toLine());
            ApprovalRoute routing = route(ruleset, from, to, outcome, request.amount());
            Verdict verdict = outcome.evaluation().verdict();
            Map<String, WeekLine> lines = new LinkedHashMap<>();
            lines.put("source", from);
            lines.put("destination", to);
            return submissions.record(handle, Submissions.Submission.evaluated(RequestRow.BUDGET_SHIFT, user, routing,
                    "move budget from " + from.line() + " (" + from.engine() + ") to " + to.line() + " ("
                            + to.engine() + ")", verdict, ruleset.hash(), detail("trigger", "submission",
                            "verdict", verdict.name(), "findings", codes(outcome.evaluation().findings())),
                    request.note(), null, now, endOf(request.week()), new Submissions.Automatic(
                            "within every budget guardrail: no finding needs a decision", "blocked by the budget tables",
                            Map.of())), (writing, status, routeId) -> {
                long shiftId = dao.insert(new BudgetDao.NewShift(request.week().toString(), from.line(), to.line(),
                        from.engine(), to.engine(), request.amountCents(), request.marginalRoas().toPlainString(),
                        request.evidence() == null ? null : request.evidence().kind(), request.note(), status,
                        verdict.name(), requestJson, Json.write(outcome.evaluation().findings()), Json.write(lines),
                        contentHash, ruleset.hash(), routeId, user.id(), now));
                BudgetLedger.book(dao, request.week().toString(), from.line(), to.line(), request.amountCents(),
                        request.marginalRoas().toPlainString(), request.evidence() != null, null, status);
                return new Submissions.Written(shiftId, contentHash, detail("decisionType", routing.decisionType(),
                        "week", request.week().toString(), "fromLine", from.line(), "toLine", to.line(),
                        "amount", request.amount(), "contentHash", contentHash));
            }).subject().id();
        });
        return records.find(id);
    }

    /**
     * Evaluates a shift request against a ruleset as if nothing had moved yet in its week, whichever
     * week it is: the budget workbook's example cases run through this.
     */
    public Evaluation evaluateWith(Ruleset ruleset, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        ShiftRequest request = ShiftRequest.parse(body, LocalDate.MIN, errors).orElseThrow(() ->
                Refusal.invalid(errors));
        return evaluate(ruleset, request, Map.of()).evaluation();
    }

    // ---- as the subject of approval requests ---------------------------------------------------------






    private static ApprovalRoute route(Ruleset ruleset, WeekLine from, WeekLine to, BudgetRules.Outcome outcome,
                                 BigDecimal amount) {
        boolean across = !from.engine().equals(to.engine());
        String decision = across ? ACROSS_ENGINES : WITHIN_ENGINE;
        TreeSet<String> findingCodes = new TreeSet<>(codes(outcome.evaluation().findings()).keySet());
        return Routes.route(ruleset, new ApprovalCase(decision, across ? null : from.engine(), null, findingCodes,
                amount), "such shifts");
    }

    /** Evaluates a request; a line the week's Lines rows do not plan is bad input. */
    private static BudgetRules.Outcome evaluate(Ruleset ruleset, ShiftRequest request, Map<String, LineFlex> flex) {
        BudgetRules.Outcome outcome = BudgetRules.evaluate(ruleset, request.week(), fact(request), flex);
        List<FieldError> unknown = new ArrayList<>();
        unknownLine(unknown, "fromLine", request.fromLine(), outcome.lines().get(request.fromLine()), request.week(),
                outcome);
        unknownLine(unknown, "toLine", request.toLine(), outcome.lines().get(request.toLine()), request.week(), outcome);
        if (!unknown.isEmpty()) {
            throw Refusal.invalid(unknown);
        }
        return outcome;
    }

    private static void unknownLine(List<FieldError> errors, String field, String line, WeekLine planned, IsoWeek week,
                                    BudgetRules.Outcome outcome) {
        if (planned == null) {
            errors.add(FieldError.field(field, "unknown_line", "no budget line '" + line + "' is planned in " + week
                    + " (Lines sheet of " + WORKBOOK + "); lines that week: "
                    + String.join(", ", outcome.lines().keySet())));
        }
    }

    private static BudgetShift fact(ShiftRequest request) {
        return new BudgetShift(request.week().toString(), request.fromLine(), request.toLine(), request.amount(),
                request.marginalRoas(), request.evidence() == null ? null : request.evidence().kind());
    }

    private ShiftRequest parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        var request = ShiftRequest.parse(body, today(), errors);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return request.orElseThrow();
    }

    /** A shift waits for approval until its week ends (Sunday, 24:00 UTC) at the latest. */
    private static Instant endOf(IsoWeek week) {
        return week.sunday().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static Map<String, Long> codes(List<Finding> findings) {
        Map<String, Long> counts = new TreeMap<>();
        findings.forEach(finding -> counts.merge(finding.code(), 1L, Long::sum));
        return counts;
    }


}
