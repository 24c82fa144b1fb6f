package db.migration;

import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Lets approval requests be about a budget shift (subject BUDGET_SHIFT); see {@link ApprovalRequestsRebuild}. */
public class V8__Approval_requests_for_budget_shifts extends BaseJavaMigration {

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        ApprovalRequestsRebuild.rebuild(context, List.of("PROPOSAL", "RULESET", "ALLOCATION", "BUDGET_SHIFT"),
                List.of("PROPOSAL", "ALLOCATION", "BUDGET_SHIFT"));
    }
}
