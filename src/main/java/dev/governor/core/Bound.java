package dev.governor.core;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Bound is the documented range and scale of one kind of number a request may carry; a value is
 * checked against it right after parsing, before any arithmetic or formatting, so an exponent such
 * as {@code 1e1000} is refused without ever being expanded.
 *
 * @param what     the words an error uses for the range, e.g. "more than 0 and at most 1000000000"
 * @param min      the least value
 * @param minOpen  whether {@code min} itself is refused (prices must be more than 0)
 * @param max      the greatest value
 * @param maxOpen  whether {@code max} itself is refused (a discount must be below 100)
 * @param maxScale the most decimals; 0 for whole numbers
 */
public record Bound(String what, BigDecimal min, boolean minOpen, BigDecimal max, boolean maxOpen, int maxScale) {

    private static final BigDecimal BILLION = new BigDecimal("1000000000");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Prices: more than 0, at most 1,000,000,000, at most 2 decimals. */
    public static final Bound PRICE = open(BigDecimal.ZERO, BILLION, 2);
    /** Costs and fees per unit: 0 or more, at most 1,000,000,000, at most 4 decimals. */
    public static final Bound COST = closed(BigDecimal.ZERO, BILLION, 4);
    /** Percents: 0 to 100, at most 4 decimals. */
    public static final Bound PERCENT = closed(BigDecimal.ZERO, HUNDRED, 4);
    /** A promo's discount: more than 0 and less than 100 percent, at most 2 decimals. */
    public static final Bound DISCOUNT = new Bound("more than 0 and less than 100", BigDecimal.ZERO, true, HUNDRED,
            true, 2);
    /** A budget amount moved in one shift: more than 0, at most 100,000,000, in cents. */
    public static final Bound BUDGET_AMOUNT = open(BigDecimal.ZERO, new BigDecimal("100000000"), 2);
    /** Marginal ROAS (revenue per unit of spend): 0 to 1,000, at most 4 decimals. */
    public static final Bound ROAS = closed(BigDecimal.ZERO, BigDecimal.valueOf(1000), 4);
    /** A lift measured by an incrementality test, in percent: -100 to 1,000, at most 2 decimals. */
    public static final Bound LIFT_PERCENT = closed(BigDecimal.valueOf(-100), BigDecimal.valueOf(1000), 2);
    /** A weekly forecast of units: 0 to 1,000,000 a week, at most 2 decimals. */
    public static final Bound WEEKLY_FORECAST = closed(BigDecimal.ZERO, BigDecimal.valueOf(1_000_000), 2);

    /** Bytes of a single request's body. */
    public static final long BODY = 1L << 20;
    /** Bytes of a batch, a CSV upload or a ruleset upload. */
    public static final long BATCH_BODY = 64L << 20;

    /** The first and last day any request may name. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);

    /** Characters of free text (a note, comment or reason). */
    public static final int FREE_TEXT = 2000;
    /** Characters of an identifier (a SKU, channel, category, line or reference). */
    public static final int IDENTIFIER = 200;
    /** Characters of a number written as text; longer ones are refused before they are parsed. */
    public static final int NUMBER_TEXT = 40;
    /** The largest figure anything may carry (a price, a cost, an amount, a table cell). */
    public static final BigDecimal BILLION_AT_MOST = BILLION;

    /** A whole number from {@code min} to {@code max}. */
    public static Bound whole(long min, long max) {
        return new Bound("a whole number from " + min + " to " + max, BigDecimal.valueOf(min), false,
                BigDecimal.valueOf(max), false, 0);
    }

    private static Bound open(BigDecimal min, BigDecimal max, int scale) {
        return new Bound("more than " + min.toPlainString() + " and at most " + max.toPlainString(), min, true, max,
                false, scale);
    }

    private static Bound closed(BigDecimal min, BigDecimal max, int scale) {
        return new Bound("from " + min.toPlainString() + " to " + max.toPlainString(), min, false, max, false, scale);
    }

    /** The number {@code text} writes, or null when it writes none or is longer than {@link #NUMBER_TEXT} (never parsed). */
    public static BigDecimal parse(String text) {
        if (text == null || text.length() > NUMBER_TEXT) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code date} lies from {@link #FIRST_DAY} to {@link #LAST_DAY}. */
    public static boolean inYears(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }

    /** Why {@code value} breaks this bound — {@code out_of_range}, {@code not_whole} or {@code too_many_decimals} — or null when it fits. */
    public String refusal(BigDecimal value) {
        if (!contains(value)) {
            return "out_of_range";
        }
        if (!fitsScale(value)) {
            return maxScale == 0 ? "not_whole" : "too_many_decimals";
        }
        return null;
    }

    /** Whether {@code value} lies in the range; cheap for any exponent, since only magnitudes are compared. */
    public boolean contains(BigDecimal value) {
        int low = value.compareTo(min);
        int high = value.compareTo(max);
        return (minOpen ? low > 0 : low >= 0) && (maxOpen ? high < 0 : high <= 0);
    }

    /** Whether {@code value} has no more decimals than allowed; call it only on a value in range. */
    public boolean fitsScale(BigDecimal value) {
        return value.scale() <= maxScale || value.stripTrailingZeros().scale() <= maxScale;
    }

    /** The rule in words, e.g. "more than 0 and at most 1000000000, with at most 2 decimals". */
    public String describe() {
        return what + (maxScale == 0 ? "" : ", with at most " + maxScale + " decimals");
    }
}
