package db.migration;

import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Lets approval requests be about an allocation (subject ALLOCATION); see {@link ApprovalRequestsRebuild}. */
public class V6__Approval_requests_for_allocations extends BaseJavaMigration {

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        ApprovalRequestsRebuild.rebuild(context, List.of("PROPOSAL", "RULESET", "ALLOCATION"),
                List.of("PROPOSAL", "ALLOCATION"));
    }
}
