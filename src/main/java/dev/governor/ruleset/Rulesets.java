package dev.governor.ruleset;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Rulesets holds the active ruleset as one reference swapped atomically; a request reads it once
 * and uses that ruleset to the end, so no answer ever mixes two versions.
 */
public final class Rulesets {

    private final AtomicReference<Ruleset> active;

    public Rulesets(Ruleset initial) {
        this.active = new AtomicReference<>(initial);
    }

    public Ruleset active() {
        return active.get();
    }

    /** The ruleset a request uses: the active one, or — with {@code asOf} — the one in force at that instant. */
    public Ruleset asOf(java.time.Instant asOf, RulesetHistory history) {
        return asOf == null ? active() : history.at(asOf);
    }

    /** Makes {@code next} the ruleset every new request uses; answers the one it replaced. */
    public Ruleset activate(Ruleset next) {
        return active.getAndSet(next);
    }
}
