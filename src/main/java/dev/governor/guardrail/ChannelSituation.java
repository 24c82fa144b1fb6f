package dev.governor.guardrail;

/**
 * ChannelSituation is what the Priorities table matches for one channel of one SKU: the channel and its
 * engine, the SKU's tightness band, whether it is a hero, and its days since launch.
 */
public record ChannelSituation(AllocationChannel allocationChannel, String channel, String engine, String band,
                               YesNo hero, int daysSinceLaunch) {

    public static ChannelSituation of(AllocationChannel channel, String band) {
        SupplySituation situation = channel.situation();
        return new ChannelSituation(channel, channel.channel(), channel.engine(), band, YesNo.of(situation.hero()),
                situation.daysSinceLaunch());
    }

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
