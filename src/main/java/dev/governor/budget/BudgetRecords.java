package dev.governor.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.RequestRow;
import dev.governor.audit.AuditTrail;
import dev.governor.core.ErrorCode;
import dev.governor.core.FieldError;
import dev.governor.core.Json;
import dev.governor.core.Page;
import dev.governor.core.Refusal;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.governor.audit.NewEvent.detail;


/**
 * BudgetRecords reads what was recorded: one shift, its audit trail, the shifts filtered by status,
 * week and line, and one week's lines as the tables in force plan them with what shifts moved and
 * what flex remains.
 */
public final class BudgetRecords {

    /** The week view lists this many of the latest shifts behind each line; the listing pages through all. */
    static final int SHIFTS_PER_LINE = 50;
    private static final List<String> STATUSES = List.of("APPROVED", "PENDING_APPROVAL", "REJECTED", "WITHDRAWN",
            "EXPIRED");

    private final Database database;
    private final Rulesets rulesets;
    private final AuditTrail audit;

    public BudgetRecords(Database database, Rulesets rulesets, AuditTrail audit) {
        this.database = database;
        this.rulesets = rulesets;
        this.audit = audit;
    }

    public BudgetShiftView find(long id) {
        return database.read(handle -> handle.attach(BudgetDao.class).find(id)).map(BudgetRecords::view)
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
                    .map(BudgetRecords::view).toList();
            return new Page<>(items, page, size, dao.count(status, week, line));
        });
    }

    /** One week's lines as the tables in force plan them, with what shifts moved and what flex remains. */
    public BudgetWeekView week(String isoWeek) {
        IsoWeek week = IsoWeek.required("isoWeek", isoWeek);
        Ruleset ruleset = rulesets.active();
        String name = week.toString();
        List<BudgetDao.LineSums> ledger = database.read(handle -> handle.attach(BudgetDao.class).ledger(name));
        BudgetRules.Outcome outcome = BudgetRules.evaluate(ruleset, week, null, BudgetLedger.flexOf(ledger, null));
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
                    shift.direction(), shift.otherLine(), BudgetLedger.money(shift.amountCents()), shift.status()));
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
                        BudgetLedger.money(shift.amountCents()), shift.status())).toList();
        BudgetDao.WeekTotals totals = recorded.totals();
        return new BudgetWeekView(name, week.monday(), week.sunday(), ruleset.hash(), lines,
                new BudgetWeekView.Totals(plan, flex, BudgetLedger.money(totals.movedCents()), BudgetLedger.money(totals.acrossCents()), held,
                        remaining, totals.approved(), totals.pending()), unplanned);
    }

    private static BudgetShiftView view(BudgetShiftRow row) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(row.request());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new BudgetShiftView(row.id(), row.week(), row.fromLine(), row.toLine(), row.fromEngine(),
                row.toEngine(), BudgetLedger.money(row.amountCents()), new BigDecimal(row.marginalRoas()),
                request.has("evidence") ? request.get("evidence") : null,
                request.has("note") ? request.get("note").asText() : null, row.verdict(), row.status(),
                row.findings(), row.lines(), row.rulesetVersion(), row.requestedBy(), row.createdAt(),
                row.contentHash(), row.approvalRequest());
    }
}
