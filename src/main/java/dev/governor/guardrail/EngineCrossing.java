package dev.governor.guardrail;

/** EngineCrossing is a budget shift that leaves one engine for another, e.g. DTC to MARKETPLACE. */
public record EngineCrossing(BudgetShift shift, String fromEngine, String toEngine) {
}
