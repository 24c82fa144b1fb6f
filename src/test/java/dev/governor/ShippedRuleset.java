package dev.governor;

import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import java.nio.file.Path;

/** ShippedRuleset compiles the real {@code rules/} and {@code decision-tables/} once per test run and shares the result. */
public final class ShippedRuleset {

    private ShippedRuleset() {
    }

    private static final class Holder {
        static final Ruleset RULESET = new RulesetCompiler().compile(files());
    }

    public static RulesetFiles files() {
        return RulesetFiles.fromDirectory(Path.of("."));
    }

    public static Ruleset get() {
        return Holder.RULESET;
    }
}
