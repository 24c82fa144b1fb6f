package dev.governor.versions;

import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.EngineCells;
import dev.governor.ruleset.ExampleCases;
import dev.governor.ruleset.Problem;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.RulesetInvalid;
import dev.governor.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.governor.audit.NewEvent.detail;


/**
 * Drafts turns uploads into draft versions, compiled off to the side and never touching the rules in
 * force: finance's uploads carry data only (table rows and Examples sheets); a rules engineer's
 * upload that changes code is compiled and its examples run in a child process. A draft built on a
 * version no longer in force is rebased on the one in force.
 */
public final class Drafts {

    private final Database database;
    private final RulesetCompiler compiler;
    private final RulesetVersions versions;
    private final ExampleCases examples;
    /** Where drafts that change rule code are checked, and the reference data they are checked against; null: nowhere. */
    private final DraftCheck draftCheck;
    private final CatalogService catalog;
    private final Clock clock;

    /**
     * Drafts made with {@code examples}; a rules engineer's drafts that change rule code are compiled
     * and their examples run by {@code draftCheck}, in a child process, against {@code catalog}'s
     * reference data. Without a draft check (null), every code change is refused.
     */
    public Drafts(Database database, RulesetCompiler compiler, RulesetVersions versions, ExampleCases examples,
                  DraftCheck draftCheck, CatalogService catalog, Clock clock) {
        this.database = database;
        this.compiler = compiler;
        this.versions = versions;
        this.examples = examples;
        this.draftCheck = draftCheck;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Makes a draft from the active version with {@code changed} files replaced or added: compiled off
     * to the side (a failure is reported cell by cell and records nothing), its example cases run.
     */
    public VersionView upload(User user, Map<String, byte[]> changed) {
        VersionRow active = database.read(handle -> handle.attach(VersionDao.class).active()).orElseThrow();
        Map<String, byte[]> inForce = RulesetVersions.load(database, active.id()).files();
        CodeChanges code = codeChangesOf(inForce, changed);
        boolean changesCode = !code.changed().isEmpty() || !code.missing().isEmpty();
        if (changesCode && (!user.has(Role.RULES_ENGINEER) || draftCheck == null)) {
            code.refuse();
        }
        Map<String, byte[]> files = new TreeMap<>(inForce);
        files.putAll(changed);
        RulesetFiles merged = new RulesetFiles(files);
        database.read(handle -> handle.attach(VersionDao.class).byHash(merged.hash())).ifPresent(Drafts::noChange);
        if (changesCode) {
            return uploadCode(user, active, merged, List.copyOf(changed.keySet()), code);
        }
        Ruleset draft;
        try {
            draft = compiler.compile(merged);
        } catch (RulesetInvalid invalid) {
            throw new Refusal(ErrorCode.RULESET_INVALID, invalid.problems().size() + " problem(s) in the upload; "
                    + "nothing was recorded and the guardrails in force are unchanged",
                    invalid.problems().stream().toList(), null);
        }
        try {
            List<ExampleCases.Result> results = examples.run(draft);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String report = RulesetVersions.report(draft, orderedReport(List.copyOf(changed.keySet()), results));
            long id = database.write(handle -> insertDraft(handle, merged, active, user, now, report));
            return versions.get(id);
        } finally {
            draft.close();
        }
    }

    /**
     * Refuses an upload that changes code — a DRL file, a new file, or a workbook's engine cells —
     * before anything is compiled or run: 403 {@code code_change_not_allowed} naming each file, sheet
     * and cell. An engine cell that went missing or moved is a 422 {@code engine_cell_missing} at that
     * cell. Uploads carry data only: the rows of decision tables and the Examples sheets.
     */
    static void refuseCodeChanges(Map<String, byte[]> inForce, Map<String, byte[]> changed) {
        codeChangesOf(inForce, changed).refuse();
    }

    /** CodeChanges are the changes of code an upload makes (DRL, new files, engine cells) and the engine cells it loses. */
    record CodeChanges(List<Problem> changed, List<Problem> missing) {

        /** Refuses the upload: 403 for changed code, else 422 for missing cells; returns when there is neither. */
        void refuse() {
            if (!changed.isEmpty()) {
                throw new Refusal(ErrorCode.CODE_CHANGE_NOT_ALLOWED, changed.size() + " change(s) of code in the "
                        + "upload: finance uploads carry data only, and code is uploaded by a rules_engineer; nothing "
                        + "was compiled or recorded", changed, null);
            }
            if (!missing.isEmpty()) {
                throw new Refusal(ErrorCode.RULESET_INVALID, missing.size() + " engine cell(s) missing or moved; "
                        + "nothing was compiled or recorded", missing, null);
            }
        }
    }

    /** The changes of code {@code changed} makes to the files in force. */
    static CodeChanges codeChangesOf(Map<String, byte[]> inForce, Map<String, byte[]> changed) {
        List<Problem> code = new ArrayList<>();
        List<Problem> missing = new ArrayList<>();
        for (var file : changed.entrySet()) {
            byte[] before = inForce.get(file.getKey());
            if (before == null) {
                code.add(new Problem("file_added", file.getKey(), null, null, null, null, file.getKey()
                        + " is not a file of the version in force: a new file is a change of code"));
            } else if (!file.getKey().endsWith(".xlsx")) {
                if (!Arrays.equals(before, file.getValue())) {
                    code.add(new Problem("drl_changed", file.getKey(), null, null, null, null, file.getKey()
                            + " differs from the version in force: rule files are code, not data"));
                }
            } else {
                for (EngineCells.Change change : EngineCells.compare(file.getKey(), before, file.getValue())) {
                    String at = change.sheet() + "!" + change.column() + change.row();
                    if (change.kind() == EngineCells.Kind.TABLE_ENDED) {
                        missing.add(new Problem("table_ended", change.file(), change.sheet(), change.row(),
                                change.column(), null, "row " + change.row() + " of " + change.sheet() + " is blank: "
                                + "a table ends at its first blank row, so the rows below it are not read as its "
                                + "rows; delete the blank row, or fill it"));
                    } else if (change.kind() == EngineCells.Kind.MISSING) {
                        missing.add(new Problem("engine_cell_missing", change.file(), change.sheet(), change.row(),
                                change.column(), null, at + " should read '" + change.before() + "' as in the version "
                                + "in force: an engine cell (grey, above or beside the table's rows) is missing or "
                                + "moved; put it back where it was"));
                    } else {
                        code.add(new Problem("engine_cell_changed", change.file(), change.sheet(), change.row(),
                                change.column(), null, at + " reads '" + change.after() + "' where the version in "
                                + "force reads '" + change.before() + "': engine cells are code; change only the "
                                + "rows under a table's header, or the Examples sheet"));
                    }
                }
            }
        }
        return new CodeChanges(List.copyOf(code), List.copyOf(missing));
    }

    /**
     * Inside a write: records a draft of these files, built on {@code active}. The files are looked up
     * again on the writer's turn, so two identical uploads (or rebases) at once record one draft: the
     * other is 409 no_change.
     */
    private static long insertDraft(org.jdbi.v3.core.Handle handle, RulesetFiles merged, VersionRow active, User user,
                                    Instant now, String report) {
        VersionDao dao = handle.attach(VersionDao.class);
        dao.byHash(merged.hash()).ifPresent(Drafts::noChange);
        long created = dao.insert(merged.hash(), "DRAFT", "upload", active.id(), user.id(), now, report);
        merged.files().forEach((path, content) -> dao.insertFile(created, path, content));
        return created;
    }

    private static void noChange(long version) {
        throw new Refusal(ErrorCode.NO_CHANGE, "these files make no new version: they are version " + version,
                List.of(), Map.of("version", version));
    }

    /**
     * Records a rules engineer's draft that changes code, once a child process has compiled it and run
     * its examples: nothing of its code runs in this process before the GM has approved the version.
     */
    private VersionView uploadCode(User user, VersionRow active, RulesetFiles merged, List<String> changedFiles,
                                   CodeChanges code) {
        DraftCheck.Outcome outcome = draftCheck.check(merged, catalog);
        if (outcome.failure() != null) {
            throw new Refusal(ErrorCode.DRAFT_CHECK_FAILED, "the draft's check failed: " + outcome.failure()
                    + "; nothing was recorded", List.of(), Map.of("failure", outcome.failure()));
        }
        if (!outcome.compiled()) {
            throw new Refusal(ErrorCode.RULESET_INVALID, outcome.problems().size() + " problem(s) in the upload; "
                    + "nothing was recorded and the guardrails in force are unchanged", outcome.problems(), null);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rules", outcome.ruleCount());
        report.put("files", merged.files().size());
        report.put("changedFiles", changedFiles);
        report.put("examplesFailed", outcome.examples().stream().filter(example -> !example.path("passed").asBoolean())
                .count());
        report.put("examples", outcome.examples());
        List<Problem> changes = new ArrayList<>(code.changed());
        changes.addAll(code.missing());
        report.put("code", Map.of("checkedIn", "a child process", "changes", changes));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = database.write(handle -> insertDraft(handle, merged, active, user, now, Json.write(report)));
        return versions.get(id);
    }

    /**
     * Rebases draft {@code versionId} on the version in force: a new draft holding the version in force
     * with the files the draft changed from its base, through the same gate as any upload. A file both
     * the draft and the versions since changed is a conflict: it is named, and nothing is recorded.
     */
    public VersionView rebase(User user, long versionId) {
        VersionView version = versions.get(versionId);
        VersionRow active = database.read(handle -> handle.attach(VersionDao.class).active()).orElseThrow();
        if (version.basedOn() == null || !version.state().equals("DRAFT")) {
            throw new Refusal(ErrorCode.NOT_A_DRAFT, "only a draft built on an earlier version is rebased; version "
                    + versionId + " is " + version.state().toLowerCase());
        }
        if (version.basedOn() == active.id()) {
            throw new Refusal(ErrorCode.ALREADY_ON_VERSION_IN_FORCE, "version " + versionId + " is built on version "
                    + active.id() + ", the version in force: it needs no rebase");
        }
        Map<String, byte[]> base = RulesetVersions.load(database, version.basedOn()).files();
        Map<String, byte[]> draft = RulesetVersions.load(database, versionId).files();
        Map<String, byte[]> inForce = RulesetVersions.load(database, active.id()).files();
        Map<String, byte[]> changed = new TreeMap<>();
        List<String> conflicts = new ArrayList<>();
        for (var file : draft.entrySet()) {
            byte[] before = base.get(file.getKey());
            if (before != null && Arrays.equals(before, file.getValue())) {
                continue;
            }
            byte[] now = inForce.get(file.getKey());
            if (now != null && !Arrays.equals(now, before) && !Arrays.equals(now, file.getValue())) {
                conflicts.add(file.getKey());
            } else {
                changed.put(file.getKey(), file.getValue());
            }
        }
        if (!conflicts.isEmpty()) {
            throw new Refusal(ErrorCode.REBASE_CONFLICT, String.join(", ", conflicts) + " changed both in version "
                    + versionId + " and in the versions since its base: download the file in force, make the change "
                    + "again and upload it; nothing was recorded", List.of(), Map.of("files", conflicts));
        }
        if (changed.isEmpty()) {
            throw new Refusal(ErrorCode.NO_CHANGE, "what version " + versionId + " changed is in force already",
                    List.of(), Map.of("inForce", active.id()));
        }
        return upload(user, changed);
    }

    /** What a version changes in rule code — each DRL file's diff and each engine cell — for its approver; null for data only. */
    Object codeChanges(long versionId) {
        VersionView version = versions.get(versionId);
        if (!version.report().has("code")) {
            return null;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("engineCells", version.report().at("/code/changes"));
        changes.put("rules", version.basedOn() == null ? List.of() : versions.diff(versionId, version.basedOn()).rules());
        return changes;
    }

    /**
     * Whether {@code version} carries rule code nobody has approved: a code draft never in force. Its
     * code runs only in a child process; once the GM approves it, the service compiles it like any other.
     */
    static boolean unapprovedCode(VersionView version) {
        return version.report().has("code") && version.activeFrom() == null && version.state().equals("DRAFT");
    }

    private static Map<String, Object> orderedReport(List<String> changedFiles, List<ExampleCases.Result> results) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("changedFiles", changedFiles);
        report.put("examplesFailed", results.stream().filter(result -> !result.passed()).count());
        report.put("examples", results);
        return report;
    }
}
