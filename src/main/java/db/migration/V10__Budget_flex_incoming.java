package db.migration;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The flex ledger also keeps, per line and week, what comes into a line from shifts still waiting
 * (held in), the shifts in without incrementality evidence (approved or waiting), and the sales those
 * shifts in are expected to bring (amount × marginal ROAS, exact, as decimal text), so the TACoS and
 * evidence rules count every approved or pending shift into a line in constant time. Filled from the
 * shifts already recorded.
 */
public class V10__Budget_flex_incoming extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        var connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table budget_flex add column held_in_cents integer not null default 0 "
                    + "check (held_in_cents >= 0)");
            statement.execute("alter table budget_flex add column unevidenced_in_cents integer not null default 0 "
                    + "check (unevidenced_in_cents >= 0)");
            statement.execute("alter table budget_flex add column sales_in text not null default '0'");
        }
        Map<String, long[]> cents = new LinkedHashMap<>();
        Map<String, BigDecimal> sales = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet shifts = statement.executeQuery("select week, to_line, amount_cents, marginal_roas, "
                     + "evidence_kind, status from budget_shifts where status in ('APPROVED', 'PENDING_APPROVAL')")) {
            while (shifts.next()) {
                String key = shifts.getString(1) + "\n" + shifts.getString(2);
                long amount = shifts.getLong(3);
                long[] sums = cents.computeIfAbsent(key, k -> new long[2]);
                if (shifts.getString(6).equals("PENDING_APPROVAL")) {
                    sums[0] += amount;
                }
                if (shifts.getString(5) == null) {
                    sums[1] += amount;
                }
                sales.merge(key, BigDecimal.valueOf(amount, 2).multiply(new BigDecimal(shifts.getString(4))),
                        BigDecimal::add);
            }
        }
        try (PreparedStatement open = connection.prepareStatement(
                "insert or ignore into budget_flex (week, line) values (?, ?)");
             PreparedStatement fill = connection.prepareStatement("update budget_flex set held_in_cents = ?, "
                     + "unevidenced_in_cents = ?, sales_in = ? where week = ? and line = ?")) {
            for (var entry : cents.entrySet()) {
                String[] key = entry.getKey().split("\n", 2);
                open.setString(1, key[0]);
                open.setString(2, key[1]);
                open.executeUpdate();
                fill.setLong(1, entry.getValue()[0]);
                fill.setLong(2, entry.getValue()[1]);
                fill.setString(3, sales.get(entry.getKey()).stripTrailingZeros().toPlainString());
                fill.setString(4, key[0]);
                fill.setString(5, key[1]);
                fill.executeUpdate();
            }
        }
    }
}
