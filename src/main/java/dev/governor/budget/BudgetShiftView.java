package dev.governor.budget;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * BudgetShiftView is a recorded budget shift as its people see it: what was asked (week, lines, amount,
 * marginal ROAS, evidence, note), the verdict and findings it got, the two lines' figures before the
 * shift as the rules saw them, its status now, who asked, under which ruleset version, and its approval
 * request when it needs one.
 */
public record BudgetShiftView(long id, String week, String fromLine, String toLine, String fromEngine,
                              String toEngine, BigDecimal amount, BigDecimal marginalRoas, JsonNode evidence,
                              String note, String verdict, String status, @JsonRawValue String findings,
                              @JsonRawValue String lines, String rulesetVersion, String requestedBy,
                              Instant createdAt, String contentHash, Long approvalRequest) {
}
