package dev.governor.audit;

/** AuditRow is an audit event exactly as stored, every column as text, so its hash can be recomputed. */
public record AuditRow(long seq, String at, String event, String subjectType, long subjectId, Long actorId, String actor,
                String role, String comment, String rulesetVersion, String detail, String prevHash, String hash) {
}
