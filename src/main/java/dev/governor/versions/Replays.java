package dev.governor.versions;

import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import dev.governor.proposals.ProposalLog;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.ExampleCases;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static dev.governor.audit.NewEvent.detail;


/**
 * Replays answers "what would this version change?": recorded proposals replayed against a version
 * and against the version in force. A version whose code nobody has approved is replayed in a child
 * process, as its example cases ran.
 */
public final class Replays {

    private final Database database;
    private final RulesetCompiler compiler;
    private final Rulesets rulesets;
    private final RulesetVersions versions;
    private final ExampleCases examples;
    private final ProposalLog log;
    private final DraftCheck draftCheck;
    private final CatalogService catalog;
    private final Clock clock;

    public Replays(Database database, RulesetCompiler compiler, Rulesets rulesets, RulesetVersions versions,
                   ExampleCases examples, ProposalLog log, DraftCheck draftCheck, CatalogService catalog, Clock clock) {
        this.database = database;
        this.compiler = compiler;
        this.rulesets = rulesets;
        this.versions = versions;
        this.examples = examples;
        this.log = log;
        this.draftCheck = draftCheck;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Replays recorded proposals — those of a period (days inclusive, UTC; by default the last 30 days),
     * or the last {@code last} — against version {@code id}
     * and the version in force, and reports what would change.
     */
    public Impact.Report replay(long id, java.time.LocalDate from, java.time.LocalDate to, Integer last) {
        VersionView version = versions.get(id);
        VersionView active = versions.active();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        java.time.LocalDate first = from != null ? from : today.minusDays(30);
        java.time.LocalDate end = to != null ? to : today;
        List<ProposalLog.Replayable> proposals = last != null ? log.lastRecorded(last) : log.recordedBetween(
                first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                end.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        Ruleset against = rulesets.active();
        if (version.hash().equals(against.hash())) {
            return Impact.replay(examples, id, against, active.id(), against, proposals);
        }
        if (Drafts.unapprovedCode(version)) {
            return replayInChild(version, active.id(), against, proposals);
        }
        Ruleset compiled = compiler.compile(RulesetVersions.load(database, id));
        try {
            return Impact.replay(examples, id, compiled, active.id(), against, proposals);
        } finally {
            compiled.close();
        }
    }

    /**
     * Replays recorded proposals against a version whose code nobody has approved yet: the version in
     * force answers here, the draft in a child process, as its example cases ran.
     */
    private Impact.Report replayInChild(VersionView version, long activeId, Ruleset against,
                                        List<ProposalLog.Replayable> proposals) {
        if (draftCheck == null) {
            throw new Refusal(ErrorCode.CODE_NOT_APPROVED, "version " + version.id() + " changes rule code, which is "
                    + "replayed only in a child process, and this service has none to run it");
        }
        List<Impact.Answer> now = Impact.answers(examples, against, proposals);
        DraftCheck.Outcome outcome = draftCheck.check(RulesetVersions.load(database, version.id()), catalog, proposals);
        if (outcome.failure() != null || !outcome.compiled()) {
            throw new Refusal(ErrorCode.DRAFT_CHECK_FAILED, "the replay's check failed: " + (outcome.failure() != null
                    ? outcome.failure() : "the draft no longer compiles"), List.of(), null);
        }
        List<Impact.Answer> next = new ArrayList<>();
        for (var answer : outcome.replay()) {
            if (answer.has("verdict")) {
                List<String> findings = new ArrayList<>();
                answer.path("findings").forEach(code -> findings.add(code.asText()));
                next.add(new Impact.Answer(answer.get("verdict").asText(), findings));
            } else {
                next.add(null);
            }
        }
        return Impact.compare(version.id(), activeId, proposals, now, next);
    }

}
