package dev.governor.guardrail;

/** StackingPolicy says how hard a promo overlapping an approved promo of the same SKU and channel speaks. */
public record StackingPolicy(PromoTerms terms, Severity severity, TableRow row) {
}
