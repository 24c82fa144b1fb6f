package dev.governor.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.ShippedRuleset;
import dev.governor.core.Json;
import dev.governor.reference.Channel;
import dev.governor.reference.Product;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More supply never takes a unit away from any channel, across tightness bands too: for every SKU of
 * the shipped samples and for seeded random requests, the shipped tables plan every supply from 0 to
 * twice what the channels need, unit by unit, and each channel's units never fall from one count to
 * the next. And a hero SKU's floor is never below a non-hero's in the same band, on any channel.
 */
class MoreSupplyTest {

    private static final long SEED = 20261206L;
    private static final int RANDOM_REQUESTS = 40;
    private static final String[] CHANNELS = {"amazon-us", "amazon-us-fbm", "dtc-webstore", "wholesale"};

    /** The same SKU and channels at every supply from 0 to twice what they need; answers the needed units too. */
    private static List<SkuPlan> sweep(AllocationRequest.Line line, int horizonWeeks) {
        long needed = 0;
        for (AllocationRequest.ChannelInput channel : line.channels()) {
            needed += Math.max(0, Math.max(AllocationPlanner.demand(channel, horizonWeeks), channel.committed())
                    - channel.onHand());
        }
        List<AllocationRequest.Line> lines = new ArrayList<>();
        for (long units = 0; units <= 2 * needed; units++) {
            lines.add(new AllocationRequest.Line(line.product(), units, line.channels(), Map.of()));
        }
        return AllocationPlanner.plan(ShippedRuleset.get(), new AllocationRequest(Planning.TODAY, horizonWeeks,
                lines, null));
    }

    private static void assertNeverFewer(List<SkuPlan> plans, String context) {
        Map<String, Long> before = new HashMap<>();
        List<String> bands = new ArrayList<>();
        for (SkuPlan plan : plans) {
            if (bands.isEmpty() || !bands.get(bands.size() - 1).equals(plan.band().name())) {
                bands.add(plan.band().name());
            }
            for (SkuPlan.ChannelPlan channel : plan.channels()) {
                long had = before.getOrDefault(channel.channel(), 0L);
                assertThat(channel.units()).as("%s: %s at %d units (band %s)", context, channel.channel(),
                        plan.available(), plan.band().name()).isGreaterThanOrEqualTo(had);
                assertThat(channel.fromCommitment() + channel.fromFloor() + channel.fromWeight())
                        .as("%s: %s's phases at %d units", context, channel.channel(), plan.available())
                        .isEqualTo(channel.units());
                before.put(channel.channel(), channel.units());
            }
            assertThat(plan.allocated() + plan.unallocated()).isEqualTo(plan.available());
        }
        assertThat(bands).as("%s: the sweep crosses the band boundaries", context).hasSizeGreaterThan(1);
    }

    @Test
    void everyShippedSampleSkuGetsNoFewerUnitsForAnyChannelWithMoreSupply() throws IOException {
        int swept = 0;
        try (Stream<Path> files = Files.list(Path.of("samples/allocation"))) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("allocation")
                    && !path.toString().endsWith(".response.json")).sorted().toList()) {
                JsonNode body = Json.MAPPER.readTree(Files.readString(file).replace("YYYY", "2027"));
                AllocationRequest request = Planning.request(body);
                for (AllocationRequest.Line line : request.lines()) {
                    assertNeverFewer(sweep(line, request.horizonWeeks()), file.getFileName() + " " + line.product().sku());
                    swept++;
                }
            }
        }
        assertThat(swept).isGreaterThanOrEqualTo(3);
    }

    @Test
    void seededRandomRequestsGetNoFewerUnitsForAnyChannelWithMoreSupply() {
        Random random = new Random(SEED);
        List<Product> products = new ArrayList<>(Planning.catalog().products());
        for (int r = 0; r < RANDOM_REQUESTS; r++) {
            Product product = products.get(random.nextInt(products.size()));
            List<AllocationRequest.ChannelInput> channels = new ArrayList<>();
            for (String code : CHANNELS) {
                if (channels.isEmpty() || random.nextBoolean()) {
                    Channel channel = Planning.catalog().findChannel(code).orElseThrow();
                    long committed = code.equals("wholesale") && random.nextBoolean() ? random.nextInt(150) : 0;
                    channels.add(new AllocationRequest.ChannelInput(channel,
                            BigDecimal.valueOf(random.nextInt(120) + (committed > 0 ? 0 : 1), random.nextInt(2)),
                            random.nextInt(4) == 0 ? random.nextInt(80) : 0, committed));
                }
            }
            int horizon = 1 + random.nextInt(6);
            var line = new AllocationRequest.Line(product, 0, channels, Map.of());
            List<SkuPlan> plans = sweep(line, horizon);
            if (plans.size() > 1) {
                assertNeverFewer(plans, "random request " + r + " (" + product.sku() + ", " + horizon + " weeks, "
                        + channels + ")");
            }
        }
    }

    @Test
    void aHeroSkusFloorIsAtLeastANonHerosInEveryBandOnEveryChannel() {
        Product hero = Planning.catalog().findProduct("TEA-001").orElseThrow();
        Product other = Planning.catalog().findProduct("TEA-003").orElseThrow();
        assertThat(hero.hero()).isTrue();
        assertThat(other.hero()).isFalse();
        List<AllocationRequest.ChannelInput> channels = new ArrayList<>();
        for (String code : CHANNELS) {
            channels.add(new AllocationRequest.ChannelInput(Planning.catalog().findChannel(code).orElseThrow(),
                    BigDecimal.valueOf(100), 0, 0));
        }
        // 4 channels × 100 a week × 4 weeks: 1,600 needed; 400, 1,000, 1,400 and 2,000 fall in each band
        Map<String, Integer> bandsSeen = new HashMap<>();
        for (long available : new long[] {400, 1_000, 1_400, 2_000}) {
            List<SkuPlan> plans = AllocationPlanner.plan(ShippedRuleset.get(), new AllocationRequest(Planning.TODAY, 4,
                    List.of(new AllocationRequest.Line(hero, available, channels, Map.of()),
                            new AllocationRequest.Line(other, available, channels, Map.of())), null));
            assertThat(plans.get(0).band().name()).isEqualTo(plans.get(1).band().name());
            bandsSeen.merge(plans.get(0).band().name(), 1, Integer::sum);
            for (int i = 0; i < channels.size(); i++) {
                SkuPlan.ChannelPlan heroPlan = plans.get(0).channels().get(i);
                SkuPlan.ChannelPlan otherPlan = plans.get(1).channels().get(i);
                assertThat(heroPlan.treatment().floorWeeks()).as("%s in %s", heroPlan.channel(), plans.get(0).band().name())
                        .isGreaterThanOrEqualTo(otherPlan.treatment().floorWeeks());
            }
        }
        assertThat(bandsSeen).containsOnlyKeys("CRITICAL", "TIGHT", "SHORT", "AMPLE");
    }
}
