package dev.governor.guardrail;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Figures formats amounts and percentages the same way in every finding message. */
public final class Figures {

    private Figures() {
    }

    public static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A percentage or ratio as shown among a finding's figures: two decimals. */
    public static BigDecimal shown(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    public static String percent(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }
}
