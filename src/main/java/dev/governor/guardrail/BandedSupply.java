package dev.governor.guardrail;

/** BandedSupply is a SKU's supply situation once its tightness band is chosen. */
public record BandedSupply(SupplySituation situation, String band) {
}
