package dev.governor.guardrail;

import java.util.List;

/**
 * RaciRoute is one RACI table row that matches an {@link ApprovalCase}: who is Responsible,
 * Accountable, Consulted and Informed, how many Accountable sign-offs it needs and after how many
 * days a pending request expires. {@code sheetRow} orders the rows: the first matching row decides.
 */
public record RaciRoute(ApprovalCase approvalCase, int sheetRow, List<String> responsible, List<String> accountable,
                        List<String> consulted, List<String> informed, int signOffs, int expiresAfterDays,
                        TableRow row) {

    public static RaciRoute from(ApprovalCase approvalCase, TableRow row, List<String> accountable) {
        return new RaciRoute(approvalCase, row.sheetRow(), row.roles("responsibleRoles"), accountable,
                row.roles("consultedRoles"), row.roles("informedRoles"), row.integer("signOffs"),
                row.integer("expiresAfterDays"), row);
    }
}
