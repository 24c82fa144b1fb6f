package dev.governor.guardrail;

import java.math.BigDecimal;
import java.util.Set;

/**
 * ApprovalCase is a decision the RACI table routes: its type (PRICE_CHANGE, PROMOTION, …), the engine
 * and channel it happens on, the finding codes it carries, and its size ({@code amount}: for a price
 * change the move in % of the current price, for a promotion the discount in %).
 */
public record ApprovalCase(String decisionType, String engine, String channel, Set<String> findingCodes,
                           BigDecimal amount) {

    public static final String PRICE_CHANGE = "PRICE_CHANGE";
    public static final String PROMOTION = "PROMOTION";
    public static final String RULESET_ACTIVATION = "RULESET_ACTIVATION";

    /** Facts are matched by identity. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
