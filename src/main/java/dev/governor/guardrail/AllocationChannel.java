package dev.governor.guardrail;

/** AllocationChannel is one channel that asks for units of a SKU in an allocation request. */
public record AllocationChannel(SupplySituation situation, String channel, String engine) {

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
