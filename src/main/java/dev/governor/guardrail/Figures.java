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

    /**
     * A figure judged against a limit, as shown: two decimals, or as many more as it takes for the
     * figure shown to stand on the same side of the limit as the figure itself (10.004 against a
     * limit of 10 is 10.004, not 10.00), so rounding never hides a breach.
     */
    public static BigDecimal shownAgainst(BigDecimal value, BigDecimal limit) {
        int side = value.compareTo(limit);
        int scale = 2;
        BigDecimal shown = value.setScale(scale, RoundingMode.HALF_UP);
        while (shown.compareTo(limit) != side && scale < value.scale()) {
            scale++;
            shown = value.setScale(scale, RoundingMode.HALF_UP);
        }
        return shown;
    }

    /** A percentage judged against a limit, as {@link #percent}, with the decimals {@link #shownAgainst} needs. */
    public static String percentAgainst(BigDecimal value, BigDecimal limit) {
        BigDecimal shown = shownAgainst(value, limit);
        return (shown.scale() > 2 ? shown : shown.stripTrailingZeros()).toPlainString() + "%";
    }
}
