package dev.governor.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * AuditEvent is one recorded state change: what happened to which subject, who did it in which role,
 * when, under which ruleset version, with the comment and details, chained to the event before it by
 * {@code prevHash}.
 */
public record AuditEvent(long seq, String at, String event, String subjectType, long subjectId, String actor,
                         String role, String comment, String rulesetVersion, JsonNode detail, String prevHash,
                         String hash) {
}
