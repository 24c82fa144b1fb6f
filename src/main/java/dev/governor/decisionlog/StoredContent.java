package dev.governor.decisionlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.governor.http.Json;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * StoredContent is what a proposal asked and what the guardrails answered, every column as stored
 * text; its hash binds an approval to the exact content and lets the audit trail detect an edit.
 */
public record StoredContent(long id, String kind, String channel, String engine, String sku, String category,
                            String effectiveFrom, String startDate, String endDate, String discountPercent,
                            String request, String evaluation, String rulesetVersion, long requestedBy,
                            String createdAt, String status) {

    public String hash() {
        try {
            String canonical = Json.MAPPER.writeValueAsString(Arrays.asList(id, kind, channel, engine, sku, category,
                    effectiveFrom, startDate, endDate, discountPercent, request, evaluation, rulesetVersion,
                    requestedBy, createdAt));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
