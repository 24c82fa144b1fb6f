package dev.governor.guardrail;

/**
 * SupplySituation is one SKU of an allocation request as the Bands table sees it: how tight supply is
 * ({@code tightness} = units available ÷ units the channels still need over the horizon; infinite when
 * they need none), whether the SKU is a hero, and how many days it has been on sale at the start of the
 * horizon (negative before its launch; {@link Integer#MAX_VALUE} when it has no launch date).
 */
public record SupplySituation(int ref, String sku, double tightness, boolean hero, int daysSinceLaunch) {

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
