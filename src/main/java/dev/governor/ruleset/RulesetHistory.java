package dev.governor.ruleset;

import java.time.Instant;

/** RulesetHistory answers which ruleset was in force at an instant, compiled, for checks made "as of" then. */
@FunctionalInterface
public interface RulesetHistory {
    Ruleset at(Instant instant);
}
