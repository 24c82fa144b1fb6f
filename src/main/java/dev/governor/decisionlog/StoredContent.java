package dev.governor.decisionlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.governor.audit.AuditTrail;
import dev.governor.http.Json;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * StoredContent is what a proposal asked and what the guardrails answered, every column as stored
 * text; its hash binds an approval to the exact content and lets the audit trail detect an edit.
 */
public record StoredContent(long id, String kind, String channel, String engine, String sku, String category,
                            String effectiveFrom, String startDate, String endDate, String discountPercent,
                            String request, String evaluation, String rulesetVersion, long requestedBy,
                            String createdAt, Long routeId, String status) {

    public String hash() {
        try {
            String canonical = Json.MAPPER.writeValueAsString(Arrays.asList(id, kind, channel, engine, sku, category,
                    effectiveFrom, startDate, endDate, discountPercent, request, evaluation, rulesetVersion,
                    requestedBy, createdAt, routeId));
            return AuditTrail.sha256(canonical);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
