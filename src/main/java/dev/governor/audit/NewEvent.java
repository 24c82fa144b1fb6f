package dev.governor.audit;

import dev.governor.auth.User;
import java.util.Map;

/**
 * NewEvent is a state change to append: the event name (submitted, evaluated, approved, rejected,
 * withdrawn, expired, commented), its subject, the actor ({@code null} for Governor itself) and the
 * role they acted in, a comment, the ruleset version, and details.
 */
public record NewEvent(String event, String subjectType, long subjectId, User actor, String role, String comment,
                       String rulesetVersion, Map<String, Object> detail) {

    public static final String PROPOSAL = "PROPOSAL";
    /** The actor name of events Governor records by itself (automatic verdicts, expiry). */
    public static final String GOVERNOR = "governor";

    /** Event details from name, value pairs, in that order; null values are left out. */
    public static Map<String, Object> detail(Object... pairs) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                detail.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return detail;
    }
}
