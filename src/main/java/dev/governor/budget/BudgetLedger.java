package dev.governor.budget;

import dev.governor.guardrail.LineFlex;
import dev.governor.guardrail.Verdict;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.governor.audit.NewEvent.detail;


/**
 * BudgetLedger keeps the week's flex ledger: per line, what approved shifts moved in and out, what
 * waiting shifts hold, and what shifts in claim in sales — booked in the same write as every status
 * change, and read back as the facts the budget rules see.
 */
final class BudgetLedger {

    private BudgetLedger() {
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
    static void changeStatus(BudgetDao dao, BudgetShiftRow row, String status) {
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
    static void book(BudgetDao dao, String week, String fromLine, String toLine, long cents,
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

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
