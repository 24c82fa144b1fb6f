package dev.governor.ruleset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RulesetCompiler builds a {@link Ruleset} from its files off to the side: it validates and
 * generates every workbook, compiles all DRL into a knowledge base with its own ReleaseId, and
 * refuses the whole ruleset on any error, naming file, sheet, row and column or DRL line.
 */
public final class RulesetCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(RulesetCompiler.class);
    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern TIGHTNESS = Pattern.compile("\\btightness\\s*(?:>=|<=|>|<|==)\\s*(\\d+(?:\\.\\d+)?)\\b");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);

    /**
     * From this many rules on, a session of one request's facts ({@link Ruleset#KEPT_FACTS}) is a kept one,
     * emptied for reuse ({@link ReusedSessions}), instead of a pooled one, whose reset grows with the
     * knowledge base: below it, a pooled session is the quicker (figures: docs/BENCHMARKS.md, "Why the
     * engine's constants are what they are").
     */
    public static final int REUSE_FROM_RULES = 2_000;

    private final int reuseFromRules;

    public RulesetCompiler() {
        this(REUSE_FROM_RULES);
    }

    /** A compiler that keeps sessions of one request for reuse from {@code reuseFromRules} rules on (0: always). */
    public RulesetCompiler(int reuseFromRules) {
        this.reuseFromRules = reuseFromRules;
    }

    public Ruleset compile(RulesetFiles files) {
        long started = System.nanoTime();
        List<Problem> problems = new ArrayList<>();
        KieServices kie = KieServices.get();
        KieFileSystem fileSystem = kie.newKieFileSystem();
        Map<String, WorkbookCompiler.GeneratedSheet> generatedByPath = new HashMap<>();
        Map<String, TableLocation> tableRules = new HashMap<>();
        Map<String, String> drlByResource = new HashMap<>();
        java.util.SortedSet<Double> thresholds = new java.util.TreeSet<>();
        boolean anyDrl = false;
        Map<String, String> drlFiles = new HashMap<>();
        files.files().forEach((path, content) -> {
            if (path.endsWith(".drl")) {
                drlFiles.put(path, new String(content, StandardCharsets.UTF_8));
            }
        });
        Map<String, Set<String>> firstHit = FirstHit.types(List.copyOf(drlFiles.values()));
        for (var entry : files.files().entrySet()) {
            String path = entry.getKey();
            if (path.endsWith(".drl.xlsx")) {
                for (var sheet : WorkbookCompiler.compile(path, entry.getValue(), firstHit, problems)) {
                    String resource = resourcePath(sheet.packageName(), sheet.drlPath());
                    generatedByPath.put(resource, sheet);
                    fileSystem.write(resource, sheet.drl());
                    thresholds.addAll(tightnessThresholds(sheet.drl()));
                    sheet.rules().forEach((rule, location) ->
                            tableRules.put(Ruleset.key(sheet.packageName(), rule), location));
                }
            } else if (path.endsWith(".drl")) {
                anyDrl = true;
                String drl = drlFiles.get(path);
                Matcher declared = PACKAGE.matcher(drl);
                String resource = resourcePath(declared.find() ? declared.group(1) : "", path);
                drlByResource.put(resource, path);
                fileSystem.write(resource, drl);
                thresholds.addAll(tightnessThresholds(drl));
            }
        }
        if (!anyDrl && problems.isEmpty()) {
            problems.add(Problem.inFile("rules/", "the ruleset holds no DRL rule file"));
        }
        if (!problems.isEmpty()) {
            throw new RulesetInvalid(problems);
        }
        ReleaseId releaseId = kie.newReleaseId("dev.governor.rulesets", "ruleset-" + files.hash().substring(0, 16), "1.0.0");
        fileSystem.generateAndWritePomXML(releaseId);
        KieBuilder builder = kie.newKieBuilder(fileSystem).buildAll();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(locate(message, generatedByPath, drlByResource));
        }
        if (!problems.isEmpty()) {
            kie.getRepository().removeKieModule(releaseId);
            throw new RulesetInvalid(problems);
        }
        KieContainer container = kie.newKieContainer(releaseId);
        KieBase knowledgeBase = container.newKieBase(configuration(kie, true));
        int ruleCount = knowledgeBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
        if (ruleCount == 0) {
            throw new RulesetInvalid(List.of(Problem.inFile("rules/", "the ruleset compiled to zero rules")));
        }
        long built = System.nanoTime();
        KieBase unindexed = container.newKieBase(configuration(kie, false));
        LOG.info("compiled ruleset {} ({} files, {} rules, {} from tables) in {} ms, its unindexed twin in {} ms",
                files.hash().substring(0, 12), files.files().size(), ruleCount, tableRules.size(),
                (built - started) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
        return new Ruleset(files, Sessions.pooled(knowledgeBase), Sessions.pooled(unindexed),
                ruleCount >= reuseFromRules ? new ReusedSessions(unindexed) : null, tableRules, ruleCount,
                thresholds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Every number a rule compares a SKU's supply tightness with ({@code tightness >= 0.5}, {@code
     * tightness < 0.8}): the only places where its tightness band can change as supply grows.
     */
    static List<Double> tightnessThresholds(String drl) {
        List<Double> found = new ArrayList<>();
        Matcher matcher = TIGHTNESS.matcher(drl);
        while (matcher.find()) {
            found.add(Double.parseDouble(matcher.group(1)));
        }
        return found;
    }

    /**
     * How both knowledge bases of a ruleset are built. Neither ever changes once built (a new ruleset is
     * a new knowledge base), so mutability is off: Drools then keeps a session's facts in a plain
     * identity map instead of its per-class stores, which it re-created for every class of fact after
     * each pooled session's reset.
     * <p>
     * {@code indexed} false is the same rules without hash indexes on the join memories, for sessions of a
     * few facts: a single check joins one offer with its handful of table rows, where building and
     * clearing the indexes costs more than scanning the rows. Batch chunks keep the indexed knowledge
     * base: scanning grows with the square of a session's facts (see {@link Ruleset#FEW_FACTS}; figures:
     * docs/BENCHMARKS.md, "Why the engine's constants are what they are").
     */
    private static KieBaseConfiguration configuration(KieServices kie, boolean indexed) {
        KieBaseConfiguration configuration = kie.newKieBaseConfiguration();
        configuration.setOption(KieBaseMutabilityOption.DISABLED);
        if (!indexed) {
            configuration.setProperty("drools.indexLeftBetaMemory", "false");
            configuration.setProperty("drools.indexRightBetaMemory", "false");
        }
        return configuration;
    }

    /** Drools wants a DRL file in the folder of its package; the file name keeps where it came from. */
    private static String resourcePath(String packageName, String origin) {
        return RESOURCES + packageName.replace('.', '/') + "/" + origin.replaceAll("[^A-Za-z0-9.]", "_");
    }

    private static Problem locate(Message message, Map<String, WorkbookCompiler.GeneratedSheet> generated,
                                  Map<String, String> drlFiles) {
        String path = message.getPath() == null ? "" : message.getPath();
        String text = message.getText() == null ? "" : message.getText().trim();
        var sheet = generated.get(path.startsWith(RESOURCES) ? path : RESOURCES + path);
        if (sheet != null) {
            var row = sheet.rowByLine().floorEntry(Math.max(message.getLine(), 1));
            if (row != null) {
                return new Problem(sheet.workbook(), sheet.sheet(), row.getValue(), null, null,
                        "this row does not compile: " + text);
            }
            return new Problem(sheet.workbook(), sheet.sheet(), null, null, null, "the sheet does not compile: " + text);
        }
        String file = drlFiles.getOrDefault(path.startsWith(RESOURCES) ? path : RESOURCES + path, path);
        return message.getLine() > 0 ? Problem.atLine(file, message.getLine(), text) : Problem.inFile(file, text);
    }
}
