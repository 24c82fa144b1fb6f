package dev.governor.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.ApprovalSubject;
import dev.governor.approvals.RecordedSubjects;
import dev.governor.approvals.RequestRow;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.guardrail.BudgetShift;
import dev.governor.guardrail.Verdict;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;


/**
 * BudgetShifts are recorded shifts as subjects of approval requests: re-checked at approval with the
 * tables in force and the flex left then (so an approval never overspends), booked in the ledger when
 * approved or closed, and verified against the audit trail and the ledger.
 */
public final class BudgetShifts implements ApprovalSubject {

    private final Database database;
    private final Rulesets rulesets;
    private final BudgetRecords records;
    private final Clock clock;

    public BudgetShifts(Database database, Rulesets rulesets, BudgetRecords records, Clock clock) {
        this.database = database;
        this.rulesets = rulesets;
        this.records = records;
        this.clock = clock;
    }

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
            detail.put("findings", BudgetService.codes(rechecked.outcome().evaluation().findings()));
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
        BudgetLedger.changeStatus(handle.attach(BudgetDao.class), row, Verdict.APPROVED.name());
        return Approval.of(detail("moved", BudgetLedger.money(row.amountCents()), "fromLine", row.fromLine(), "toLine",
                row.toLine(), "week", row.week()));
    }

    @Override
    public void closed(Handle handle, RequestRow request, String status) {
        BudgetDao dao = handle.attach(BudgetDao.class);
        BudgetLedger.changeStatus(dao, dao.find(request.subjectId()).orElseThrow(), status);
    }

    @Override
    public Object describe(RequestRow request) {
        return records.find(request.subjectId());
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
                "the flex ledger of " + row.line() + " in " + row.week() + " says in " + BudgetLedger.money(row.ledgerIn()) + ", out "
                        + BudgetLedger.money(row.ledgerOut()) + ", held out " + BudgetLedger.money(row.ledgerHeld()) + ", held in "
                        + BudgetLedger.money(row.ledgerHeldIn()) + ", in without evidence " + BudgetLedger.money(row.ledgerUnevidenced())
                        + " but its shifts add up to in " + BudgetLedger.money(row.shiftsIn()) + ", out " + BudgetLedger.money(row.shiftsOut())
                        + ", held out " + BudgetLedger.money(row.shiftsHeld()) + ", held in " + BudgetLedger.money(row.shiftsHeldIn())
                        + ", in without evidence " + BudgetLedger.money(row.shiftsUnevidenced()) + ": it was edited").orElse(null);
        return cents != null ? cents : salesDisagreement();
    }

    /** The first ledger row whose expected sales differ from what its approved and waiting shifts in claim, or null. */
    private String salesDisagreement() {
        return database.read(handle -> {
            BudgetDao dao = handle.attach(BudgetDao.class);
            Map<String, BigDecimal> claimed = new HashMap<>();
            for (BudgetDao.Incoming shift : dao.incoming()) {
                claimed.merge(shift.week() + " " + shift.line(), BudgetLedger.expectedSales(shift.amountCents(), shift.marginalRoas()),
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
                && BudgetLedger.money(recorded.amountCents()).compareTo(new BigDecimal(request.path("amount").asText("0"))) == 0
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
            shift = new BudgetShift(row.week(), row.fromLine(), row.toLine(), BudgetLedger.money(row.amountCents()),
                    new BigDecimal(row.marginalRoas()), request.path("evidence").path("kind").asText(null));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // the shift's own held amount is what approving it spends, so it does not count against itself
        BudgetRules.Outcome outcome = BudgetRules.evaluate(ruleset, week, shift, BudgetLedger.flexOf(dao.ledger(row.week()), row));
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

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
