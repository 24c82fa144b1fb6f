package dev.governor.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the split over many random requests, from a pinned seed so a failure replays: whole,
 * non-negative units that never exceed what is available; the same answer for the same request in
 * any order; every floor met before any unit goes by weight; max shares kept; nothing left that a
 * channel could take; and more supply never taking a unit from any channel.
 */
class AllocatorPropertiesTest {

    private static final long SEED = 20261122L;
    private static final int CASES = 3_000;
    private static final String[] CHANNELS = {"amazon-us", "amazon-us-fbm", "dtc-webstore", "wholesale", "target-plus"};

    static List<Allocator.Need> randomNeeds(Random random) {
        int count = 1 + random.nextInt(CHANNELS.length);
        List<String> channels = new ArrayList<>(List.of(CHANNELS));
        Collections.shuffle(channels, random);
        List<Allocator.Need> needs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long demand = random.nextInt(4) == 0 ? 0 : random.nextInt(2_000);
            long committed = random.nextInt(3) == 0 ? random.nextInt(400) : 0;
            long onHand = random.nextInt(3) == 0 ? random.nextInt(600) : 0;
            long floor = random.nextInt(Math.toIntExact(Math.max(1, demand + 1)));
            BigDecimal weight = random.nextInt(5) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(1 + random.nextInt(100));
            BigDecimal share = random.nextInt(4) == 0 ? BigDecimal.valueOf(100)
                    : BigDecimal.valueOf(random.nextInt(1001), 1);
            needs.add(new Allocator.Need(channels.get(i), 1 + random.nextInt(4), onHand, committed, demand, floor,
                    weight, share));
        }
        return needs;
    }

    private static Map<String, Allocator.Share> byChannel(Allocator.Split split) {
        Map<String, Allocator.Share> shares = new HashMap<>();
        split.shares().forEach(share -> shares.put(share.channel(), share));
        return shares;
    }

    @Test
    void wholeNonNegativeUnitsNeverMoreThanAvailableAndNothingLeftThatAChannelCouldTake() {
        Random random = new Random(SEED);
        for (int c = 0; c < CASES; c++) {
            List<Allocator.Need> needs = randomNeeds(random);
            long available = random.nextInt(6_000);
            Allocator.Split split = Allocator.split(available, needs);
            String context = "case " + c + ": " + available + " units, " + needs;
            assertThat(split.allocated() + split.unallocated()).as(context).isEqualTo(available);
            assertThat(split.unallocated()).as(context).isNotNegative();
            for (int i = 0; i < needs.size(); i++) {
                Allocator.Need need = needs.get(i);
                Allocator.Share share = split.shares().get(i);
                assertThat(share.channel()).isEqualTo(need.channel());
                assertThat(List.of(share.commitment(), share.floor(), share.weight())).as(context).allMatch(u -> u >= 0);
                assertThat(share.total()).as(context).isLessThanOrEqualTo(Math.max(0, need.target() - need.onHand()));
                if (share.weight() > 0) {
                    // the max share holds for whoever got units by weight
                    assertThat(BigDecimal.valueOf(share.total() * 100L)).as(context)
                            .isLessThanOrEqualTo(need.maxSharePercent().multiply(BigDecimal.valueOf(available)));
                }
                if (split.unallocated() > 0 && need.weight().signum() > 0) {
                    long room = need.target() - need.onHand() - share.total();
                    boolean capped = BigDecimal.valueOf((share.total() + 1) * 100L)
                            .compareTo(need.maxSharePercent().multiply(BigDecimal.valueOf(available))) > 0;
                    assertThat(room <= 0 || capped).as("units left over that " + need.channel() + " could take; "
                            + context).isTrue();
                }
            }
        }
    }

    @Test
    void everyFloorIsMetBeforeAnyUnitGoesByWeight() {
        Random random = new Random(SEED + 1);
        for (int c = 0; c < CASES; c++) {
            List<Allocator.Need> needs = randomNeeds(random);
            long available = random.nextInt(6_000);
            Allocator.Split split = Allocator.split(available, needs);
            boolean anyByWeight = split.shares().stream().anyMatch(share -> share.weight() > 0);
            if (!anyByWeight) {
                continue;
            }
            for (int i = 0; i < needs.size(); i++) {
                Allocator.Need need = needs.get(i);
                assertThat(need.onHand() + split.shares().get(i).total()).as("case " + c + ": " + need.channel()
                        + " is below its floor while others got units by weight; " + needs)
                        .isGreaterThanOrEqualTo(need.floorTarget());
            }
        }
    }

    @Test
    void theSameRequestGetsTheSameAnswerInAnyOrder() {
        Random random = new Random(SEED + 2);
        for (int c = 0; c < CASES; c++) {
            List<Allocator.Need> needs = randomNeeds(random);
            long available = random.nextInt(6_000);
            Allocator.Split first = Allocator.split(available, needs);
            List<Allocator.Need> shuffled = new ArrayList<>(needs);
            Collections.shuffle(shuffled, random);
            assertThat(Allocator.split(available, needs)).isEqualTo(first);
            assertThat(byChannel(Allocator.split(available, shuffled))).as("case " + c).isEqualTo(byChannel(first));
        }
    }

    @Test
    void moreSupplyNeverTakesAUnitFromAnyChannel() {
        Random random = new Random(SEED + 3);
        for (int c = 0; c < CASES; c++) {
            List<Allocator.Need> needs = randomNeeds(random);
            long available = random.nextInt(4_000);
            long more = available + 1 + random.nextInt(random.nextBoolean() ? 3 : 2_000);
            Map<String, Allocator.Share> before = byChannel(Allocator.split(available, needs));
            Map<String, Allocator.Share> after = byChannel(Allocator.split(more, needs));
            for (Allocator.Need need : needs) {
                assertThat(after.get(need.channel()).total()).as("case " + c + ": " + need.channel() + " with "
                        + available + " then " + more + " units; " + needs)
                        .isGreaterThanOrEqualTo(before.get(need.channel()).total());
            }
        }
    }

    @Test
    void moreSupplyNeverTakesAUnitFromAnyChannelUnitByUnit() {
        // small numbers, every supply from 0 up: where rounding and max-share caps bite hardest
        Random random = new Random(SEED + 4);
        for (int c = 0; c < CASES / 10; c++) {
            List<Allocator.Need> needs = randomNeeds(random).stream().map(need -> new Allocator.Need(need.channel(),
                    need.tier(), need.onHand() % 7, need.committed() % 5, need.demand() % 40, need.floor() % 10,
                    need.weight(), need.maxSharePercent())).toList();
            Map<String, Allocator.Share> before = byChannel(Allocator.split(0, needs));
            for (long available = 1; available <= 80; available++) {
                Map<String, Allocator.Share> after = byChannel(Allocator.split(available, needs));
                for (Allocator.Need need : needs) {
                    assertThat(after.get(need.channel()).total()).as("case " + c + ": " + need.channel() + " at "
                            + available + " units; " + needs).isGreaterThanOrEqualTo(before.get(need.channel()).total());
                }
                before = after;
            }
        }
    }

    @Test
    void capsOnShareOfAvailableDoNotBreakMonotonicity() {
        // with caps of 50 % taken on the final supply, 9 units would give 4, 4, 1 and 10 units 5, 5, 0
        List<Allocator.Need> needs = List.of(
                new Allocator.Need("x", 1, 0, 0, 100, 0, BigDecimal.TEN, BigDecimal.valueOf(50)),
                new Allocator.Need("y", 1, 0, 0, 100, 0, BigDecimal.TEN, BigDecimal.valueOf(50)),
                new Allocator.Need("z", 2, 0, 0, 100, 0, BigDecimal.ONE, BigDecimal.valueOf(100)));
        long zAtNine = Allocator.split(9, needs).shares().get(2).total();
        assertThat(Allocator.split(10, needs).shares().get(2).total()).isGreaterThanOrEqualTo(zAtNine);
        assertThat(Allocator.split(10, needs).shares()).extracting(Allocator.Share::total)
                .allMatch(units -> units <= 5);
    }

    @Test
    void weightsShareWhatIsLeftInProportion() {
        // 330 units left after floors, weights 60 and 40, no caps: 198 and 132
        List<Allocator.Need> needs = List.of(
                new Allocator.Need("amazon-us", 1, 0, 0, 10_000, 0, BigDecimal.valueOf(60), BigDecimal.valueOf(100)),
                new Allocator.Need("dtc-webstore", 2, 0, 0, 10_000, 0, BigDecimal.valueOf(40), BigDecimal.valueOf(100)));
        Allocator.Split split = Allocator.split(330, needs);
        assertThat(split.shares()).extracting(Allocator.Share::weight).containsExactly(198L, 132L);
        // a tie goes to the lower tier: one unit, equal weights
        List<Allocator.Need> tied = List.of(
                new Allocator.Need("b-channel", 2, 0, 0, 10, 0, BigDecimal.ONE, BigDecimal.valueOf(100)),
                new Allocator.Need("a-channel", 2, 0, 0, 10, 0, BigDecimal.ONE, BigDecimal.valueOf(100)),
                new Allocator.Need("z-channel", 1, 0, 0, 10, 0, BigDecimal.ONE, BigDecimal.valueOf(100)));
        assertThat(Allocator.split(1, tied).shares()).extracting(Allocator.Share::total).containsExactly(0L, 0L, 1L);
        assertThat(Allocator.split(2, tied).shares()).extracting(Allocator.Share::total).containsExactly(0L, 1L, 1L);
    }
}
