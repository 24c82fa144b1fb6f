package dev.governor.ruleset;

import dev.governor.auth.Role;
import dev.governor.guardrail.Source;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * ApprovalRoute is the RACI table's answer for one decision: who prepares it (Responsible), who approves it
 * (Accountable, with how many different people must sign off), who is Consulted and who is Informed,
 * when a pending request expires, and the table row that said so.
 */
public record ApprovalRoute(String decisionType, List<Role> responsible, List<Role> accountable, List<Role> consulted,
                      List<Role> informed, int signOffs, int expiresAfterDays, Source source, String rulesetVersion) {

    public boolean isAccountable(Set<Role> roles) {
        return holdsAny(roles, accountable);
    }

    public boolean isConsulted(Set<Role> roles) {
        return holdsAny(roles, consulted);
    }

    private static boolean holdsAny(Set<Role> roles, Collection<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }
}
