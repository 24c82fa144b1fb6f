package dev.governor.ruleset;

import dev.governor.guardrail.Results;
import dev.governor.guardrail.Source;
import dev.governor.guardrail.TableRow;
import java.util.List;
import java.util.Map;
import org.kie.api.KieServices;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Ruleset is one compiled ruleset version: its files' content hash, one shared stateless session
 * over its knowledge base, and the index from generated table rules back to workbook cells.
 * It is immutable and safe to use from many threads.
 */
public final class Ruleset {

    private static final KieCommands COMMANDS = KieServices.get().getCommands();

    private final String hash;
    private final StatelessKieSession session;
    private final Map<String, TableLocation> tableRules;
    private final int ruleCount;

    Ruleset(String hash, StatelessKieSession session, Map<String, TableLocation> tableRules, int ruleCount) {
        this.hash = hash;
        this.session = session;
        this.tableRules = Map.copyOf(tableRules);
        this.ruleCount = ruleCount;
    }

    public String hash() {
        return hash;
    }

    public int ruleCount() {
        return ruleCount;
    }

    /** Inserts the facts into a fresh session of this ruleset, fires every rule, and returns what the rules said. */
    public Results evaluate(List<?> facts) {
        Results results = new Results();
        List<Command<?>> commands = List.of(
                COMMANDS.newSetGlobal("results", results),
                COMMANDS.newInsertElements(facts),
                COMMANDS.newFireAllRules());
        session.execute(COMMANDS.newBatchExecution(commands));
        return results;
    }

    /** Where a finding reported by {@code rule} with table row {@code row} lives, for people to open it. */
    public Source sourceOf(String rule, TableRow row) {
        Source source = Source.rule(rule);
        if (row == null) {
            return source;
        }
        TableLocation location = tableRules.get(key(row.packageName(), row.ruleName()));
        return location == null ? source
                : source.withTable(location.workbook(), location.sheet(), location.row(), row.ruleName());
    }

    static String key(String packageName, String ruleName) {
        return packageName + "|" + ruleName;
    }
}
