package dev.governor.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.core.Refusal;
import dev.governor.ruleset.Evaluation;

/**
 * Rechecker evaluates a recorded proposal's request again, against the catalog and the ruleset in
 * force now; it throws an Refusal when the request is no longer valid (say, its SKU left the catalog).
 */
@FunctionalInterface
public interface Rechecker {
    Evaluation recheck(JsonNode request);
}
