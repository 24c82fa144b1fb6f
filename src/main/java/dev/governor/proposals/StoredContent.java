package dev.governor.proposals;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.governor.audit.AuditTrail;
import dev.governor.core.Json;
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
        return WithoutIds.of(kind, channel, engine, sku, category, effectiveFrom, startDate, endDate, discountPercent,
                request, evaluation, rulesetVersion, requestedBy, createdAt).hash(id, routeId);
    }

    /**
     * WithoutIds is the content without the two numbers SQLite gives it on the writer's turn (the proposal's
     * id and its route's), already written as the middle of the canonical JSON array
     * {@code [id, kind, …, createdAt, routeId]}: the turn then only adds two numbers and hashes, instead
     * of escaping the request and the evaluation into JSON a second time while every other writer waits.
     */
    public record WithoutIds(String middle) {

        public static WithoutIds of(String kind, String channel, String engine, String sku, String category,
                                    String effectiveFrom, String startDate, String endDate, String discountPercent,
                                    String request, String evaluation, String rulesetVersion, long requestedBy,
                                    String createdAt) {
            try {
                String array = Json.MAPPER.writeValueAsString(Arrays.asList(kind, channel, engine, sku, category,
                        effectiveFrom, startDate, endDate, discountPercent, request, evaluation, rulesetVersion,
                        requestedBy, createdAt));
                return new WithoutIds(array.substring(1, array.length() - 1));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The hash of the content with its numbers: SHA-256 of the canonical array, as Jackson writes it. */
        public String hash(long id, Long routeId) {
            return AuditTrail.sha256("[" + id + "," + middle + "," + routeId + "]");
        }
    }
}
