package dev.governor.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.ApprovalSubject;
import dev.governor.approvals.RecordedSubjects;
import dev.governor.approvals.RequestRow;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.FieldError;
import dev.governor.core.Json;
import dev.governor.core.Page;
import dev.governor.core.Refusal;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.guardrail.BudgetShift;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.LineFlex;
import dev.governor.guardrail.Verdict;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Routing;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;

/**
 * BudgetService answers "may I move this much media budget from this line to that one this week?" and
 * records every answer. A shift is evaluated and recorded in one write, after every write before it:
 * two requests never both spend the same remaining flex. Shifts that need approval are routed by the
 * RACI table (BUDGET_SHIFT within one engine, BUDGET_SHIFT_CROSS_ENGINE across engines) and hold the
 * amount they would take out of their source line until they are approved, rejected, withdrawn or
 * expired; this service is the approval path's handler for them.
 */
public final class BudgetService implements ApprovalSubject {

    public static final String WITHIN_ENGINE = "BUDGET_SHIFT";
    public static final String ACROSS_ENGINES = "BUDGET_SHIFT_CROSS_ENGINE";
    /** The kind of the budget workbook's example cases. */
    public static final String EXAMPLE_KIND = "BUDGET";
    private static final String WORKBOOK = "decision-tables/budget";
    /** The week view lists this many of the latest shifts behind each line; the listing pages through all. */
    static final int SHIFTS_PER_LINE = 50;
    private static final List<String> STATUSES = List.of("APPROVED", "PENDING_APPROVAL", "REJECTED", "WITHDRAWN",
            "EXPIRED");

    private final Database database;
    private final Rulesets rulesets;
    private final Submissions submissions;
    private final AuditTrail audit;
    private final Clock clock;

    public BudgetService(Database database, Rulesets rulesets, Submissions submissions, AuditTrail audit,
                         Clock clock) {
        this.database = database;
        this.rulesets = rulesets;
        this.submissions = submissions;
        this.audit = audit;
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
            Map<String, LineFlex> flex = flexOf(dao.ledger(request.week().toString()), null);
            BudgetRules.Outcome outcome = evaluate(ruleset, request, flex);
            WeekLine from = outcome.lines().get(request.fromLine());
            WeekLine to = outcome.lines().get(request.toLine());
            Routing routing = route(ruleset, from, to, outcome, request.amount());
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
                long shiftId = writing.createUpdate(BudgetDao.INSERT).bind("week", request.week().toString())
                        .bind("fromLine", from.line()).bind("toLine", to.line()).bind("fromEngine", from.engine())
                        .bind("toEngine", to.engine()).bind("amountCents", request.amountCents())
                        .bind("marginalRoas", request.marginalRoas().toPlainString())
                        .bind("evidenceKind", request.evidence() == null ? null : request.evidence().kind())
                        .bind("note", request.note()).bind("status", status).bind("verdict", verdict.name())
                        .bind("request", requestJson).bind("findings", Json.write(outcome.evaluation().findings()))
                        .bind("lines", Json.write(lines)).bind("contentHash", contentHash)
                        .bind("rulesetVersion", ruleset.hash()).bind("routeId", routeId).bind("requestedBy", user.id())
                        .bind("createdAt", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                book(dao, request.week().toString(), from.line(), to.line(), request.amountCents(),
                        request.marginalRoas().toPlainString(), request.evidence() != null, null, status);
                return new Submissions.Written(shiftId, contentHash, detail("decisionType", routing.decisionType(),
                        "week", request.week().toString(), "fromLine", from.line(), "toLine", to.line(),
                        "amount", request.amount(), "contentHash", contentHash));
            }).subject().id();
        });
        return find(id);
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

    public BudgetShiftView find(long id) {
        return database.read(handle -> handle.attach(BudgetDao.class).find(id)).map(BudgetService::view)
                .orElseThrow(() -> new Refusal(ErrorCode.BUDGET_SHIFT_NOT_FOUND, "there is no budget shift " + id));
    }

    /** A shift's audit trail: submitted, evaluated, commented, re-checked, approved or closed — who, when, under which version. */
    public Map<String, Object> history(long id) {
        BudgetShiftView shift = find(id);
        return detail("budgetShiftId", id, "status", shift.status(), "events",
                audit.history(RequestRow.BUDGET_SHIFT, id));
    }

    /** Recorded shifts, newest first, filtered by status, week and line (as source or destination). */
    public Page<BudgetShiftView> list(String status, String week, String line, int page, int size) {
        Page.check(page, size);
        if (status != null && !STATUSES.contains(status)) {
            throw Refusal.invalid(List.of(FieldError.field("status", "invalid_value", "'status' must be one of "
                    + String.join(", ", STATUSES) + ", not '" + status + "'")));
        }
        if (week != null) {
            IsoWeek.required("week", week);
        }
        return database.read(handle -> {
            BudgetDao dao = handle.attach(BudgetDao.class);
            List<BudgetShiftView> items = dao.list(status, week, line, size, Page.offset(page, size)).stream()
                    .map(BudgetService::view).toList();
            return new Page<>(items, page, size, dao.count(status, week, line));
        });
    }

    /** One week's lines as the tables in force plan them, with what shifts moved and what flex remains. */
    public BudgetWeekView week(String isoWeek) {
        IsoWeek week = IsoWeek.required("isoWeek", isoWeek);
        Ruleset ruleset = rulesets.active();
        String name = week.toString();
        List<BudgetDao.LineSums> ledger = database.read(handle -> handle.attach(BudgetDao.class).ledger(name));
        BudgetRules.Outcome outcome = BudgetRules.evaluate(ruleset, week, null, flexOf(ledger, null));
        record Recorded(List<BudgetDao.Behind> behind, BudgetDao.WeekTotals totals, List<BudgetDao.Moved> outside) {
        }
        Recorded recorded = database.read(handle -> {
            BudgetDao dao = handle.attach(BudgetDao.class);
            return new Recorded(dao.behind(name, SHIFTS_PER_LINE), dao.totals(name),
                    dao.outside(name, outcome.lines().keySet()));
        });
        Map<String, List<WeekLine.ShiftRef>> behind = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (BudgetDao.Behind shift : recorded.behind()) {
            behind.computeIfAbsent(shift.line(), line -> new ArrayList<>()).add(new WeekLine.ShiftRef(shift.id(),
                    shift.direction(), shift.otherLine(), money(shift.amountCents()), shift.status()));
            counts.put(shift.line(), shift.total());
        }
        List<WeekLine> lines = new ArrayList<>();
        BigDecimal plan = BigDecimal.ZERO;
        BigDecimal flex = BigDecimal.ZERO;
        BigDecimal held = BigDecimal.ZERO;
        BigDecimal remaining = BigDecimal.ZERO;
        for (WeekLine line : outcome.lines().values()) {
            lines.add(line.withShifts(counts.getOrDefault(line.line(), 0), behind.getOrDefault(line.line(), List.of())));
            plan = plan.add(line.plan());
            flex = flex.add(line.flex());
            held = held.add(line.heldOut());
            remaining = remaining.add(line.remaining());
        }
        List<BudgetWeekView.UnplannedShift> unplanned = recorded.outside().stream().map(shift ->
                new BudgetWeekView.UnplannedShift(shift.id(), shift.fromLine(), shift.toLine(),
                        money(shift.amountCents()), shift.status())).toList();
        BudgetDao.WeekTotals totals = recorded.totals();
        return new BudgetWeekView(name, week.monday(), week.sunday(), ruleset.hash(), lines,
                new BudgetWeekView.Totals(plan, flex, money(totals.movedCents()), money(totals.acrossCents()), held,
                        remaining, totals.approved(), totals.pending()), unplanned);
    }

    // ---- as the subject of approval requests ---------------------------------------------------------

    /** Evaluates the shift again with the tables in force and the flex left now: if they block it, it cannot be approved. */
    @Override
    public Recheck recheck(RequestRow request) {
        Rechecked rechecked = database.read(handle -> recheck(handle, request.subjectId()));
        Map<String, Object> detail = detail("submittedVerdict", rechecked.row().verdict(),
                "submittedRulesetVersion", rechecked.row().rulesetVersion());
        // a shift that cannot be evaluated any more (its week is over, a line is gone) counts as blocked
        Verdict verdict = Verdict.REJECTED;
        if (rechecked.outcome() != null) {
            verdict = rechecked.outcome().evaluation().verdict();
            detail.put("verdict", verdict.name());
            detail.put("findings", codes(rechecked.outcome().evaluation().findings()));
        }
        return new Recheck(detail, Json.write(detail("verdict", verdict.name())), rechecked.rulesetVersion(),
                rechecked.refusal());
    }

    /** The approving write checks the flex again, after every write before it, so an approval never overspends. */
    @Override
    public Approval approved(Handle handle, RequestRow request, Instant at, User by) {
        Rechecked rechecked = recheck(handle, request.subjectId());
        if (rechecked.refusal() != null) {
            throw rechecked.refusal();
        }
        BudgetShiftRow row = rechecked.row();
        // the status change books the move in the week's flex ledger, in this same write
        changeStatus(handle.attach(BudgetDao.class), row, Verdict.APPROVED.name());
        return Approval.of(detail("moved", money(row.amountCents()), "fromLine", row.fromLine(), "toLine",
                row.toLine(), "week", row.week()));
    }

    @Override
    public void closed(Handle handle, RequestRow request, String status) {
        BudgetDao dao = handle.attach(BudgetDao.class);
        changeStatus(dao, dao.find(request.subjectId()).orElseThrow(), status);
    }

    @Override
    public Object describe(RequestRow request) {
        return find(request.subjectId());
    }

    /**
     * Every shift's request must hash to what its submission recorded, its status to its last event's,
     * and the flex ledger must add up to the shifts.
     */
    @Override
    public String name() {
        return "budgetShift";
    }

    @Override
    public Verified verify() {
        return new Verified(disagreement(), null, 0);
    }

    private String disagreement() {
        String disagreement = RecordedSubjects.firstDisagreement(after -> database.read(handle ->
                        handle.attach(BudgetDao.class).recorded(after, RecordedSubjects.page())),
                BudgetDao.RecordedShift::id, recorded -> {
                    String subject = "budget shift " + recorded.id();
                    String edited = RecordedSubjects.requestDisagreement(subject, recorded.request(),
                            recorded.contentHash(), recorded.submittedHash());
                    if (edited != null) {
                        return edited;
                    }
                    if (!asRequested(recorded)) {
                        return subject + " no longer moves what its request asked (week, lines, amount or ROAS): "
                                + "it was edited";
                    }
                    return RecordedSubjects.statusDisagreement(subject, recorded.status(), recorded.lastStatus());
                });
        if (disagreement != null) {
            return disagreement;
        }
        String cents = database.read(handle -> handle.attach(BudgetDao.class).ledgerDisagreement()).map(row ->
                "the flex ledger of " + row.line() + " in " + row.week() + " says in " + money(row.ledgerIn()) + ", out "
                        + money(row.ledgerOut()) + ", held out " + money(row.ledgerHeld()) + ", held in "
                        + money(row.ledgerHeldIn()) + ", in without evidence " + money(row.ledgerUnevidenced())
                        + " but its shifts add up to in " + money(row.shiftsIn()) + ", out " + money(row.shiftsOut())
                        + ", held out " + money(row.shiftsHeld()) + ", held in " + money(row.shiftsHeldIn())
                        + ", in without evidence " + money(row.shiftsUnevidenced()) + ": it was edited").orElse(null);
        return cents != null ? cents : salesDisagreement();
    }

    /** The first ledger row whose expected sales differ from what its approved and waiting shifts in claim, or null. */
    private String salesDisagreement() {
        return database.read(handle -> {
            BudgetDao dao = handle.attach(BudgetDao.class);
            Map<String, BigDecimal> claimed = new HashMap<>();
            for (BudgetDao.Incoming shift : dao.incoming()) {
                claimed.merge(shift.week() + " " + shift.line(), expectedSales(shift.amountCents(), shift.marginalRoas()),
                        BigDecimal::add);
            }
            for (BudgetDao.LedgerSales row : dao.ledgerSales()) {
                BigDecimal shifts = claimed.getOrDefault(row.week() + " " + row.line(), BigDecimal.ZERO);
                if (new BigDecimal(row.salesIn()).compareTo(shifts) != 0) {
                    return "the flex ledger of " + row.line() + " in " + row.week() + " expects " + row.salesIn()
                            + " of sales from shifts in, but its shifts claim " + shifts.toPlainString() + ": it was edited";
                }
            }
            return null;
        });
    }

    // ---- inner workings ---------------------------------------------------------------------------

    /** Whether the columns the flex is summed from still say what the (hashed) request asked. */
    private static boolean asRequested(BudgetDao.RecordedShift recorded) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(recorded.request());
        } catch (JsonProcessingException e) {
            return false;
        }
        return recorded.week().equals(request.path("week").asText())
                && recorded.fromLine().equals(request.path("fromLine").asText())
                && recorded.toLine().equals(request.path("toLine").asText())
                && money(recorded.amountCents()).compareTo(new BigDecimal(request.path("amount").asText("0"))) == 0
                && recorded.marginalRoas().equals(request.path("marginalRoas").asText());
    }

    /** Rechecked is a recorded shift evaluated again now, and why it may not be approved (null: it may). */
    private record Rechecked(BudgetShiftRow row, BudgetRules.Outcome outcome, String rulesetVersion,
                             Refusal refusal) {
    }

    private Rechecked recheck(Handle handle, long shiftId) {
        BudgetDao dao = handle.attach(BudgetDao.class);
        BudgetShiftRow row = dao.find(shiftId).orElseThrow();
        Ruleset ruleset = rulesets.active();
        IsoWeek week = IsoWeek.parse(row.week()).orElseThrow();
        if (week.sunday().isBefore(today())) {
            return new Rechecked(row, null, ruleset.hash(), new Refusal(ErrorCode.WEEK_OVER, "week " + week
                    + " ended on " + week.sunday() + ": a shift for it can no longer be approved", List.of(), null));
        }
        BudgetShift shift;
        try {
            JsonNode request = Json.MAPPER.readTree(row.request());
            shift = new BudgetShift(row.week(), row.fromLine(), row.toLine(), money(row.amountCents()),
                    new BigDecimal(row.marginalRoas()), request.path("evidence").path("kind").asText(null));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // the shift's own held amount is what approving it spends, so it does not count against itself
        BudgetRules.Outcome outcome = BudgetRules.evaluate(ruleset, week, shift, flexOf(dao.ledger(row.week()), row));
        List<String> gone = new ArrayList<>();
        for (String line : List.of(row.fromLine(), row.toLine())) {
            if (!outcome.lines().containsKey(line)) {
                gone.add(line);
            }
        }
        if (!gone.isEmpty()) {
            return new Rechecked(row, null, ruleset.hash(), new Refusal(ErrorCode.RECHECK_FAILED, "the budget tables "
                    + "in force no longer plan " + String.join(" and ", gone) + " in " + week
                    + ", so the shift cannot be approved", List.of(), null));
        }
        Refusal refusal = outcome.evaluation().verdict() != Verdict.REJECTED ? null : new Refusal(ErrorCode.BLOCKED_ON_RECHECK, "the budget tables in force, with the flex left now, block this shift, so it "
                + "cannot be approved; the re-check is recorded", List.of(), Map.of("findings",
                outcome.evaluation().findings(), "rulesetVersion", ruleset.hash(),
                "submittedRulesetVersion", row.rulesetVersion()));
        return new Rechecked(row, outcome, ruleset.hash(), refusal);
    }

    /**
     * What recorded shifts did to each line, as the rules take it, from the week's ledger. A pending
     * shift being re-checked ({@code recheck}) does not hold flex against itself.
     */
    static Map<String, LineFlex> flexOf(List<BudgetDao.LineSums> ledger, BudgetShiftRow recheck) {
        Map<String, LineFlex> flex = new HashMap<>();
        boolean pending = recheck != null && recheck.status().equals(Verdict.PENDING_APPROVAL.name());
        for (BudgetDao.LineSums line : ledger) {
            long heldOut = line.heldOut();
            long heldIn = line.heldIn();
            long unevidenced = line.unevidencedIn();
            BigDecimal sales = new BigDecimal(line.salesIn());
            if (pending && recheck.fromLine().equals(line.line())) {
                heldOut -= recheck.amountCents();
            }
            if (pending && recheck.toLine().equals(line.line())) {
                heldIn -= recheck.amountCents();
                unevidenced -= recheck.evidenceKind() == null ? recheck.amountCents() : 0;
                sales = sales.subtract(expectedSales(recheck.amountCents(), recheck.marginalRoas()));
            }
            flex.put(line.line(), new LineFlex(line.line(), money(line.movedIn()), money(line.movedOut()),
                    money(heldOut), money(heldIn), money(unevidenced), sales));
        }
        return flex;
    }

    /** The sales a shift into a line is expected to bring: its amount times the marginal ROAS it claims. */
    static BigDecimal expectedSales(long amountCents, String marginalRoas) {
        return BigDecimal.valueOf(amountCents, 2).multiply(new BigDecimal(marginalRoas));
    }

    /** A pending shift's new status, booked in the week's ledger in the same write; nothing if it was no longer pending. */
    private static void changeStatus(BudgetDao dao, BudgetShiftRow row, String status) {
        if (dao.changeStatus(row.id(), status) == 1) {
            book(dao, row.week(), row.fromLine(), row.toLine(), row.amountCents(), row.marginalRoas(),
                    row.evidenceKind() != null, row.status(), status);
        }
    }

    /**
     * Books a shift in the week's flex ledger as its status goes from {@code was} (null: new) to {@code is}:
     * approved amounts move out of and into the lines, waiting ones are held out of the source and in
     * the destination, and while a shift is approved or waiting the destination counts its expected sales
     * and, without evidence, its amount.
     */
    private static void book(BudgetDao dao, String week, String fromLine, String toLine, long cents,
                             String marginalRoas, boolean evidenced, String was, String is) {
        String pending = Verdict.PENDING_APPROVAL.name();
        String approved = Verdict.APPROVED.name();
        BudgetDao.Booking from = BudgetDao.Booking.NONE;
        BudgetDao.Booking to = BudgetDao.Booking.NONE;
        if (pending.equals(was)) {
            from = from.plus(new BudgetDao.Booking(0, 0, -cents, 0, 0, BigDecimal.ZERO));
            to = to.plus(new BudgetDao.Booking(0, 0, 0, -cents, 0, BigDecimal.ZERO));
        }
        if (approved.equals(is)) {
            from = from.plus(new BudgetDao.Booking(0, cents, 0, 0, 0, BigDecimal.ZERO));
            to = to.plus(new BudgetDao.Booking(cents, 0, 0, 0, 0, BigDecimal.ZERO));
        } else if (pending.equals(is)) {
            from = from.plus(new BudgetDao.Booking(0, 0, cents, 0, 0, BigDecimal.ZERO));
            to = to.plus(new BudgetDao.Booking(0, 0, 0, cents, 0, BigDecimal.ZERO));
        }
        int counted = (approved.equals(is) || pending.equals(is) ? 1 : 0)
                - (approved.equals(was) || pending.equals(was) ? 1 : 0);
        if (counted != 0) {
            to = to.plus(new BudgetDao.Booking(0, 0, 0, 0, evidenced ? 0 : counted * cents,
                    expectedSales(counted * cents, marginalRoas)));
        }
        if (!from.equals(BudgetDao.Booking.NONE)) {
            dao.book(week, fromLine, from);
        }
        if (!to.equals(BudgetDao.Booking.NONE)) {
            dao.book(week, toLine, to);
        }
    }

    private static Routing route(Ruleset ruleset, WeekLine from, WeekLine to, BudgetRules.Outcome outcome,
                                 BigDecimal amount) {
        boolean across = !from.engine().equals(to.engine());
        String decision = across ? ACROSS_ENGINES : WITHIN_ENGINE;
        TreeSet<String> codes = new TreeSet<>(codes(outcome.evaluation().findings()).keySet());
        return ruleset.route(new ApprovalCase(decision, across ? null : from.engine(), null, codes, amount))
                .orElseThrow(() -> new Refusal(ErrorCode.NO_APPROVAL_ROUTE, "the RACI table has no row for " + decision
                        + (across ? "" : " on " + from.engine()) + ": finance must add one to decision-tables/approvals "
                        + "before such shifts can be recorded"));
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

    private static Map<String, Long> codes(List<Finding> findings) {
        Map<String, Long> counts = new TreeMap<>();
        findings.forEach(finding -> counts.merge(finding.code(), 1L, Long::sum));
        return counts;
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static BudgetShiftView view(BudgetShiftRow row) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(row.request());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new BudgetShiftView(row.id(), row.week(), row.fromLine(), row.toLine(), row.fromEngine(),
                row.toEngine(), money(row.amountCents()), new BigDecimal(row.marginalRoas()),
                request.has("evidence") ? request.get("evidence") : null,
                request.has("note") ? request.get("note").asText() : null, row.verdict(), row.status(),
                row.findings(), row.lines(), row.rulesetVersion(), row.requestedBy(), row.createdAt(),
                row.contentHash(), row.approvalRequest());
    }
}
