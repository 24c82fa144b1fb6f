package dev.governor.allocation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Allocator splits one SKU's available units between channels. It is pure arithmetic: the tables
 * have already said how each channel is treated (tier, floor, weight, max share).
 *
 * <p>The units are handed out one at a time, and each unit's destination depends only on the units
 * handed out before it, never on how many units there are in all. That is what guarantees that more
 * supply never takes a unit away from any channel (within one tightness band). In that order:
 * <ol>
 * <li><b>Commitments</b>: contractual units, tier by tier (tier 1 first).</li>
 * <li><b>Floors</b>: each channel up to its safety floor (weeks of cover, stock on hand counted), tier by tier.</li>
 * <li><b>Weight</b>: what is left, one unit at a time to the channel with the highest
 *     {@code weight ÷ (units it got by weight + ½)} (Sainte-Laguë, a divisor method: whole units,
 *     proportional to weight, and house-monotone, unlike largest remainder with its Alabama paradox),
 *     up to the channel's demand and its max share: a channel never holds more than its max share of
 *     the units handed out so far (so at the end, of the units available).</li>
 * </ol>
 * Within a tier, when commitments or floors cannot all be met, units go the same Sainte-Laguë way in
 * proportion to what each channel still lacks. Ties go to the lower tier, then to the channel code
 * that sorts first. What no channel can take stays unallocated.
 */
public final class Allocator {

    /** Percent scaled so that 100 % is 1,000,000: shares are compared in whole numbers. */
    private static final long SHARE_SCALE = 10_000L;
    private static final long WHOLE = 100 * SHARE_SCALE;

    private Allocator() {
    }

    /**
     * Need is what one channel asks for and how the tables treat it. {@code demand} and {@code floor}
     * are positions (stock on hand included) in units over the horizon; {@code committed} is the units
     * its contracts require.
     */
    public record Need(String channel, int tier, long onHand, long committed, long demand, long floor,
                       BigDecimal weight, BigDecimal maxSharePercent) {

        /** The position the channel wants at the end of the horizon: its demand, or its commitments if larger. */
        public long target() {
            return Math.max(demand, committed);
        }

        /** The position its floor asks for: the floor (at most its target), or its commitments if larger. */
        public long floorTarget() {
            return Math.max(committed, Math.min(floor, target()));
        }
    }

    /** Phase is the step of the waterfall a unit was handed out in. */
    public enum Phase { COMMITMENT, FLOOR, WEIGHT }

    /** Step is one line of the waterfall: units a channel got in a phase (and tier, for commitments and floors). */
    public record Step(Phase phase, int tier, String channel, long units) {
    }

    /** Share is what one channel got, by phase. */
    public record Share(String channel, long commitment, long floor, long weight) {
        public long total() {
            return commitment + floor + weight;
        }
    }

    /** Split is the whole answer for one SKU: shares in the order of the needs given, the waterfall, and what is left. */
    public record Split(List<Share> shares, List<Step> steps, long unallocated) {
        public long allocated() {
            return shares.stream().mapToLong(Share::total).sum();
        }
    }

    public static Split split(long available, List<Need> needs) {
        return split(available, needs, null);
    }

    /**
     * Splits {@code available} units starting from {@code carried}: a split of fewer units (with needs
     * for the same channels, in the same order) whose units every channel keeps, as if they were held
     * before the waterfall runs. The rest is handed out as above, so every channel ends with at least
     * what {@code carried} gave it, whatever its floor, weight or max share here. The answer's shares
     * and steps count the carried units too (its steps first).
     */
    public static Split split(long available, List<Need> needs, Split carried) {
        if (available < 0) {
            throw new IllegalArgumentException("available units cannot be negative: " + available);
        }
        if (carried != null && (carried.shares().size() != needs.size() || carried.allocated() > available)) {
            throw new IllegalArgumentException("a carried split must be for the same channels and fewer units");
        }
        int n = needs.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> needs.get(i).tier())
                .thenComparing(i -> needs.get(i).channel()));
        long[] commitment = new long[n];
        long[] floor = new long[n];
        long[] weight = new long[n];
        long[] held = new long[n];
        List<Step> steps = new ArrayList<>();
        long remaining = available;
        if (carried != null) {
            for (int i = 0; i < n; i++) {
                Share share = carried.shares().get(i);
                commitment[i] = share.commitment();
                floor[i] = share.floor();
                weight[i] = share.weight();
                held[i] = share.total();
                remaining -= share.total();
            }
            steps.addAll(carried.steps());
        }
        long[] carriedWeight = weight.clone();
        for (Phase phase : List.of(Phase.COMMITMENT, Phase.FLOOR)) {
            long[] given = phase == Phase.COMMITMENT ? commitment : floor;
            int from = 0;
            while (from < n) {
                int tier = needs.get(order[from]).tier();
                int to = from;
                while (to < n && needs.get(order[to]).tier() == tier) {
                    to++;
                }
                long[] gaps = new long[to - from];
                for (int j = from; j < to; j++) {
                    Need need = needs.get(order[j]);
                    long wanted = phase == Phase.COMMITMENT ? need.committed() : need.floorTarget();
                    gaps[j - from] = Math.max(0, wanted - need.onHand() - held[order[j]]);
                }
                long[] got = proportional(gaps, remaining);
                for (int j = from; j < to; j++) {
                    long units = got[j - from];
                    if (units > 0) {
                        given[order[j]] += units;
                        held[order[j]] += units;
                        remaining -= units;
                        steps.add(new Step(phase, tier, needs.get(order[j]).channel(), units));
                    }
                }
                from = to;
            }
        }
        byWeight(available, needs, order, held, weight, available - remaining);
        for (int j = 0; j < n; j++) {
            int i = order[j];
            if (weight[i] > carriedWeight[i]) {
                steps.add(new Step(Phase.WEIGHT, needs.get(i).tier(), needs.get(i).channel(), weight[i] - carriedWeight[i]));
            }
        }
        List<Share> shares = new ArrayList<>(n);
        long allocated = 0;
        for (int i = 0; i < n; i++) {
            shares.add(new Share(needs.get(i).channel(), commitment[i], floor[i], weight[i]));
            allocated += held[i];
        }
        return new Split(List.copyOf(shares), List.copyOf(steps), available - allocated);
    }

    /**
     * Hands out up to {@code units} in proportion to {@code gaps}, never more than a gap: all of them
     * when there is enough, else one unit at a time by Sainte-Laguë (ties to the lower index).
     */
    static long[] proportional(long[] gaps, long units) {
        long total = 0;
        for (long gap : gaps) {
            total += gap;
        }
        if (total <= units) {
            return gaps.clone();
        }
        long[] got = new long[gaps.length];
        for (long u = 0; u < units; u++) {
            int best = -1;
            for (int i = 0; i < gaps.length; i++) {
                if (got[i] < gaps[i] && (best < 0 || greater(gaps[i], 2 * got[best] + 1, gaps[best], 2 * got[i] + 1))) {
                    best = i;
                }
            }
            got[best]++;
        }
        return got;
    }

    /**
     * The weight phase. {@code released} counts the units handed out so far (the max-share caps are
     * measured against it); units released that nobody may take yet wait until a cap grows enough.
     */
    private static void byWeight(long available, List<Need> needs, Integer[] order, long[] held, long[] weight,
                                 long released) {
        int n = needs.size();
        long[] weights = new long[n];
        long[] shares = new long[n];
        long[] room = new long[n];
        for (int i = 0; i < n; i++) {
            Need need = needs.get(i);
            weights[i] = scaled(need.weight());
            shares[i] = scaled(need.maxSharePercent());
            room[i] = Math.max(0, need.target() - need.onHand() - held[i]);
        }
        long handed = released;
        long k = released;
        while (true) {
            int best = -1;
            if (handed < k) {
                for (int j = 0; j < n; j++) {
                    int i = order[j];
                    if (weights[i] > 0 && room[i] > 0 && mayHold(held[i] + 1, shares[i], k)
                            && (best < 0 || greater(weights[i], 2 * weight[best] + 1, weights[best], 2 * weight[i] + 1))) {
                        best = i;
                    }
                }
            }
            if (best >= 0) {
                weight[best]++;
                held[best]++;
                room[best]--;
                handed++;
                continue;
            }
            if (k == available) {
                return;
            }
            if (handed == k) {
                k++;
                continue;
            }
            // units wait and nobody may take one at k: jump to where the first cap has grown enough
            long next = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (weights[i] > 0 && room[i] > 0 && shares[i] > 0) {
                    next = Math.min(next, ceilDiv(Math.multiplyExact(held[i] + 1, WHOLE), shares[i]));
                }
            }
            if (next == Long.MAX_VALUE) {
                return;
            }
            k = Math.min(available, Math.max(k + 1, next));
        }
    }

    /** Whether a channel may hold {@code units} once {@code released} units are handed out, given its share. */
    private static boolean mayHold(long units, long share, long released) {
        return compare(units, WHOLE, share, released) <= 0;
    }

    /** Whether {@code a × b > c × d}, exactly, for non-negative numbers. */
    static boolean greater(long a, long b, long c, long d) {
        return compare(a, b, c, d) > 0;
    }

    private static int compare(long a, long b, long c, long d) {
        long high = Math.multiplyHigh(a, b);
        long otherHigh = Math.multiplyHigh(c, d);
        if (high != otherHigh) {
            return Long.compare(high, otherHigh);
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    private static long scaled(BigDecimal value) {
        return value.multiply(BigDecimal.valueOf(SHARE_SCALE)).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
