package dev.governor.versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.governor.approvals.RequestRow;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Subjects;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.guardrail.Source;
import dev.governor.proposals.ProposalLog;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.EngineCells;
import dev.governor.ruleset.ExampleCases;
import dev.governor.ruleset.Routing;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.RulesetHistory;
import dev.governor.ruleset.RulesetInvalid;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.governor.audit.NewEvent.detail;

/**
 * RulesetVersions keeps every version of the guardrails in SQLite — the full set of files, its
 * hash, uploader, state and the periods it was in force — puts the active one in force at start,
 * and turns finance's uploads into drafts compiled off to the side, never touching the rules in force.
 */
public final class RulesetVersions implements RulesetHistory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RulesetVersions.class);
    /** Versions compiled for as-of checks kept at once, besides the active one. */
    private static final int PAST_VERSIONS_KEPT = 2;

    private final Database database;
    private final RulesetCompiler compiler;
    private final Rulesets rulesets;
    private final ExampleCases examples;
    private final ProposalLog log;
    private final Clock clock;
    /**
     * The route of activating a version that changes rule code, fixed here and not in a table finance
     * can edit: a rules engineer asks, the GM approves (never the one who uploaded it), finance is
     * consulted, everyone is informed.
     */
    static final Routing CODE_ROUTE = new Routing(ApprovalCase.RULESET_ACTIVATION, List.of(Role.RULES_ENGINEER),
            List.of(Role.GM), List.of(Role.FINANCE), List.of(Role.GM, Role.DTC_LEAD, Role.MARKETPLACE_LEAD,
            Role.FINANCE, Role.OPERATIONS, Role.REVENUE_OPS, Role.RULES_ENGINEER), 1, 7,
            Source.rule("Activating a version that changes rule code (fixed in Governor's code)"), null);

    /** Where drafts that change rule code are checked, and the reference data they are checked against; null: nowhere. */
    private volatile DraftCheck draftCheck;
    private volatile CatalogService catalog;
    private final Map<Long, Ruleset> past = new LinkedHashMap<>(4, 0.75f, true);
    /** Versions compiled ahead of their activation (at the re-check, or when armed), by id. */
    private final Map<Long, Ruleset> prepared = new java.util.concurrent.ConcurrentHashMap<>();
    /** How long a replaced ruleset stays open for the requests still running on it. */
    static final java.time.Duration GRACE = java.time.Duration.ofSeconds(60);
    private final java.util.concurrent.ScheduledExecutorService timer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "governor-activations");
                thread.setDaemon(true);
                return thread;
            });
    private AuditTrail audit;
    private Submissions submissions;
    /** The ruleset the caller compiled and keeps: never closed here. */
    private Ruleset kept;

    public RulesetVersions(Database database, RulesetCompiler compiler, Rulesets rulesets, ExampleCases examples,
                           ProposalLog log, Clock clock) {
        this.database = database;
        this.compiler = compiler;
        this.rulesets = rulesets;
        this.examples = examples;
        this.log = log;
        this.clock = clock;
    }

    /**
     * The version to put in force at start: the active version in the database, or — on first start —
     * {@code shipped}, recorded as version 1. {@code compiled}, when given, is {@code shipped} already
     * compiled (tests compile the shipped ruleset once per run).
     */
    public static Ruleset startUp(Database database, RulesetCompiler compiler, RulesetFiles shipped, Ruleset compiled,
                                  Clock clock) {
        Optional<VersionRow> active = database.read(handle -> handle.attach(VersionDao.class).active());
        if (active.isEmpty()) {
            Ruleset ruleset = compiled != null ? compiled : compiler.compile(shipped);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            database.write(handle -> {
                VersionDao dao = handle.attach(VersionDao.class);
                long id = dao.insert(ruleset.hash(), "ACTIVE", "shipped", null, null, now, report(ruleset, Map.of()));
                ruleset.files().files().forEach((path, content) -> dao.insertFile(id, path, content));
                dao.activate(id, now, null, "first start: the guardrails shipped with Governor");
                return id;
            });
            LOG.info("recorded the shipped guardrails as ruleset version 1 ({})", ruleset.hash().substring(0, 12));
            return ruleset;
        }
        VersionRow row = active.get();
        if (!shipped.hash().equals(row.hash())) {
            LOG.info("the guardrails in the home folder ({}) differ from version {} in force ({}); upload them to "
                    + "make a draft", shipped.hash().substring(0, 12), row.id(), row.hash().substring(0, 12));
        }
        if (compiled != null && compiled.hash().equals(row.hash())) {
            return compiled;
        }
        return compiler.compile(load(database, row.id()));
    }

    public List<VersionView> list() {
        return database.read(handle -> {
            VersionDao dao = handle.attach(VersionDao.class);
            return dao.list().stream().map(row -> view(row, dao.paths(row.id()))).toList();
        });
    }

    public VersionView get(long id) {
        return database.read(handle -> {
            VersionDao dao = handle.attach(VersionDao.class);
            return dao.find(id).map(row -> view(row, dao.paths(id)));
        }).orElseThrow(() -> new Refusal(ErrorCode.RULESET_NOT_FOUND, "there is no ruleset version " + id));
    }

    public VersionView active() {
        return database.read(handle -> {
            VersionDao dao = handle.attach(VersionDao.class);
            return dao.active().map(row -> view(row, dao.paths(row.id())));
        }).orElseThrow(() -> new IllegalStateException("no ruleset version is active"));
    }

    public byte[] file(long id, String path) {
        get(id);
        return database.read(handle -> handle.attach(VersionDao.class).file(id, path)).orElseThrow(() ->
                new Refusal(ErrorCode.FILE_NOT_FOUND, "ruleset version " + id + " has no file " + path));
    }

    /**
     * Makes a draft from the active version with {@code changed} files replaced or added: compiled off
     * to the side (a failure is reported cell by cell and records nothing), its example cases run.
     */
    public VersionView upload(User user, Map<String, byte[]> changed) {
        VersionRow active = database.read(handle -> handle.attach(VersionDao.class).active()).orElseThrow();
        Map<String, byte[]> inForce = load(database, active.id()).files();
        CodeChanges code = codeChangesOf(inForce, changed);
        boolean changesCode = !code.changed().isEmpty() || !code.missing().isEmpty();
        if (changesCode && (!user.has(Role.RULES_ENGINEER) || draftCheck == null)) {
            code.refuse();
        }
        Map<String, byte[]> files = new TreeMap<>(inForce);
        files.putAll(changed);
        RulesetFiles merged = new RulesetFiles(files);
        database.read(handle -> handle.attach(VersionDao.class).byHash(merged.hash())).ifPresent(RulesetVersions::noChange);
        if (changesCode) {
            return uploadCode(user, active, merged, List.copyOf(changed.keySet()), code);
        }
        Ruleset draft;
        try {
            draft = compiler.compile(merged);
        } catch (RulesetInvalid invalid) {
            throw new Refusal(ErrorCode.RULESET_INVALID, invalid.problems().size() + " problem(s) in the upload; "
                    + "nothing was recorded and the guardrails in force are unchanged",
                    invalid.problems().stream().map(RulesetError::of).toList(), null);
        }
        try {
            List<ExampleCases.Result> results = examples.run(draft);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String report = report(draft, orderedReport(List.copyOf(changed.keySet()), results));
            long id = database.write(handle -> insertDraft(handle, merged, active, user, now, report));
            return get(id);
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
    record CodeChanges(List<RulesetError> changed, List<RulesetError> missing) {

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
        List<RulesetError> code = new ArrayList<>();
        List<RulesetError> missing = new ArrayList<>();
        for (var file : changed.entrySet()) {
            byte[] before = inForce.get(file.getKey());
            if (before == null) {
                code.add(new RulesetError("file_added", file.getKey(), null, null, null, null, file.getKey()
                        + " is not a file of the version in force: a new file is a change of code"));
            } else if (!file.getKey().endsWith(".xlsx")) {
                if (!Arrays.equals(before, file.getValue())) {
                    code.add(new RulesetError("drl_changed", file.getKey(), null, null, null, null, file.getKey()
                            + " differs from the version in force: rule files are code, not data"));
                }
            } else {
                for (EngineCells.Change change : EngineCells.compare(file.getKey(), before, file.getValue())) {
                    String at = change.sheet() + "!" + change.column() + change.row();
                    if (change.kind() == EngineCells.Kind.TABLE_ENDED) {
                        missing.add(new RulesetError("table_ended", change.file(), change.sheet(), change.row(),
                                change.column(), null, "row " + change.row() + " of " + change.sheet() + " is blank: "
                                + "a table ends at its first blank row, so the rows below it are not read as its "
                                + "rows; delete the blank row, or fill it"));
                    } else if (change.kind() == EngineCells.Kind.MISSING) {
                        missing.add(new RulesetError("engine_cell_missing", change.file(), change.sheet(), change.row(),
                                change.column(), null, at + " should read '" + change.before() + "' as in the version "
                                + "in force: an engine cell (grey, above or beside the table's rows) is missing or "
                                + "moved; put it back where it was"));
                    } else {
                        code.add(new RulesetError("engine_cell_changed", change.file(), change.sheet(), change.row(),
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
        dao.byHash(merged.hash()).ifPresent(RulesetVersions::noChange);
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
        List<RulesetError> changes = new ArrayList<>(code.changed());
        changes.addAll(code.missing());
        report.put("code", Map.of("checkedIn", "a child process", "changes", changes));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = database.write(handle -> insertDraft(handle, merged, active, user, now, Json.write(report)));
        return get(id);
    }

    /**
     * Whether {@code version} carries rule code nobody has approved: a code draft never in force. Its
     * code runs only in a child process; once the GM approves it, the service compiles it like any other.
     */
    private static boolean unapprovedCode(VersionView version) {
        return version.report().has("code") && version.activeFrom() == null && version.state().equals("DRAFT");
    }

    /** What a version changes in rule code — each DRL file's diff and each engine cell — for its approver; null for data only. */
    Object codeChanges(long versionId) {
        VersionView version = get(versionId);
        if (!version.report().has("code")) {
            return null;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("engineCells", version.report().at("/code/changes"));
        changes.put("rules", version.basedOn() == null ? List.of() : diff(versionId, version.basedOn()).rules());
        return changes;
    }

    /**
     * Lets a rules engineer upload drafts that change rule code: each is compiled and its examples run
     * by {@code check}, in a child process, against {@code catalog}'s reference data. Without this,
     * every code change is refused.
     */
    public void checkCodeWith(DraftCheck check, CatalogService catalog) {
        this.catalog = catalog;
        this.draftCheck = check;
    }

    /**
     * Wires what activation needs: the audit trail, the approvals pipeline (where requests to activate
     * a version are registered), and the caller's ruleset never to close.
     */
    public void activateThrough(AuditTrail audit, Submissions submissions, Subjects subjects, Ruleset kept) {
        this.audit = audit;
        this.submissions = submissions;
        this.kept = kept;
        subjects.register(RequestRow.RULESET, new ActivationSubject(this));
    }

    /**
     * Asks for version {@code id} to become active at {@code at} (null: once approved): refused when it
     * is active or scheduled already, or when its example cases fail; otherwise an approval request,
     * whose id it answers.
     */
    public long requestActivation(User user, long id, Instant at) {
        VersionView version = get(id);
        if (version.state().equals("ACTIVE") || version.state().equals("SCHEDULED")) {
            throw new Refusal(version.state().equals("ACTIVE") ? ErrorCode.ALREADY_ACTIVE : ErrorCode.ALREADY_SCHEDULED, "version " + id + " is "
                    + version.state().toLowerCase() + " already");
        }
        if (at != null && at.isBefore(clock.instant())) {
            throw Refusal.invalid(List.of(dev.governor.core.FieldError.field("at", "in_the_past",
                    "'at' is in the past: leave it out to activate as soon as the activation is approved")));
        }
        Refusal stale = staleBaseProblem(id);
        if (stale != null) {
            throw stale;
        }
        List<String> failing = failingExamples(id);
        if (!failing.isEmpty()) {
            throw new Refusal(ErrorCode.EXAMPLES_FAILING, failing.size() + " example case(s) of version " + id
                    + " fail, so it cannot be activated", List.of(), Map.of("failing", failing));
        }
        Routing routing = version.report().has("code") ? CODE_ROUTE : Routes.route(rulesets.active(),
                new ApprovalCase(ApprovalCase.RULESET_ACTIVATION, null, null, Set.of(), BigDecimal.ZERO),
                "ruleset activations");
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return submissions.submit(Submissions.Submission.request(RequestRow.RULESET, user, routing,
                "ask for a ruleset activation", version.hash(), now, at), (handle, status, routeId) ->
                new Submissions.Written(id, version.hash(), detail("decisionType", ApprovalCase.RULESET_ACTIVATION,
                        "activateAt", at == null ? "on approval" : at.toString())), Submissions.Effect.NONE).requestId();
    }

    /**
     * The GM alone puts back a version that was in force before, at once — an emergency rollback,
     * recorded as such with its reason.
     */
    public VersionView emergencyRollback(User gm, long id, String reason) {
        VersionView version = get(id);
        int periods = database.read(handle -> handle.attach(VersionDao.class).periods(id));
        if (periods == 0 || version.state().equals("ACTIVE")) {
            throw new Refusal(ErrorCode.NOT_A_ROLLBACK, "an emergency activation only puts back a version that was in "
                    + "force before and is not now; version " + id + " is " + version.state().toLowerCase()
                    + (periods == 0 ? " and never was in force" : ""));
        }
        activate(id, gm, "emergency rollback by the GM: " + reason, true);
        return get(id);
    }

    /**
     * Why activating draft {@code versionId} would undo a change: it was built on a version that is no
     * longer in force, so the changes made since would silently go. Null when it was built on the version
     * in force, or when it was in force before (putting an earlier version back is a decision of its own).
     */
    String staleBase(long versionId) {
        Refusal problem = staleBaseProblem(versionId);
        return problem == null ? null : problem.getMessage();
    }

    /** {@link #staleBase} as the 409 {@code rebase_needed}, with the diff against the version in force. */
    private Refusal staleBaseProblem(long versionId) {
        VersionView version = get(versionId);
        VersionRow active = database.read(handle -> handle.attach(VersionDao.class).active()).orElseThrow();
        int periods = database.read(handle -> handle.attach(VersionDao.class).periods(versionId));
        if (version.basedOn() == null || version.basedOn() == active.id() || periods > 0 || versionId == active.id()) {
            return null;
        }
        return new Refusal(ErrorCode.REBASE_NEEDED, "version " + versionId + " was built on version "
                + version.basedOn() + ", and version " + active.id() + " is in force now: activating it would undo "
                + "what changed since. Rebase it on the version in force (POST /api/rulesets/" + versionId
                + "/rebase), read the new draft's diff, and ask for that one", List.of(),
                Map.of("basedOn", version.basedOn(), "inForce", active.id(), "diff", diff(versionId, active.id())));
    }

    /**
     * Rebases draft {@code versionId} on the version in force: a new draft holding the version in force
     * with the files the draft changed from its base, through the same gate as any upload. A file both
     * the draft and the versions since changed is a conflict: it is named, and nothing is recorded.
     */
    public VersionView rebase(User user, long versionId) {
        VersionView version = get(versionId);
        VersionRow active = database.read(handle -> handle.attach(VersionDao.class).active()).orElseThrow();
        if (version.basedOn() == null || !version.state().equals("DRAFT")) {
            throw new Refusal(ErrorCode.NOT_A_DRAFT, "only a draft built on an earlier version is rebased; version "
                    + versionId + " is " + version.state().toLowerCase());
        }
        if (version.basedOn() == active.id()) {
            throw new Refusal(ErrorCode.ALREADY_ON_VERSION_IN_FORCE, "version " + versionId + " is built on version "
                    + active.id() + ", the version in force: it needs no rebase");
        }
        Map<String, byte[]> base = load(database, version.basedOn()).files();
        Map<String, byte[]> draft = load(database, versionId).files();
        Map<String, byte[]> inForce = load(database, active.id()).files();
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

    /** The example cases of the version that fail now (empty when it may be activated). */
    List<String> failingExamples(long versionId) {
        VersionView version = get(versionId);
        if (unapprovedCode(version)) {
            // its code has not been approved: what the child process found is all there is
            List<String> failing = new ArrayList<>();
            version.report().path("examples").forEach(example -> {
                if (!example.path("passed").asBoolean()) {
                    failing.add(example.path("detail").asText());
                }
            });
            return failing;
        }
        Ruleset compiled = prepare(versionId);
        return examples.run(compiled).stream().filter(result -> !result.passed())
                .map(result -> result.workbook() + ", sheet " + ExampleCases.SHEET + ", row " + result.row() + " ("
                        + result.name() + "): expected " + result.expectedVerdict() + " " + result.expectedFindings()
                        + ", got " + result.actualVerdict() + " " + result.actualFindings()
                        + (result.error() == null ? "" : " — " + result.error()))
                .toList();
    }

    /** Inside the approving write: the version is approved to become active; whoever uploaded code does not approve it. */
    void approved(org.jdbi.v3.core.Handle handle, long versionId, User by) {
        VersionView version = get(versionId);
        if (version.report().has("code") && by.name().equals(version.uploadedBy())) {
            throw new Refusal(ErrorCode.UPLOADER_CANNOT_APPROVE, "you uploaded version " + versionId + ", which "
                    + "changes rule code: another GM must approve its activation");
        }
        handle.attach(VersionDao.class).state(versionId, "SCHEDULED");
    }

    /** After the approving write committed: activates the version now if {@code at} has come, else arms a timer. */
    void afterApproval(long versionId, Instant at, User by) {
        if (at.isAfter(clock.instant())) {
            prepare(versionId);
            timer.schedule(this::activateDueQuietly, java.time.Duration.between(clock.instant(), at).toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            activate(versionId, by, "activation approved", false);
        }
    }

    /** Activates every approved, scheduled version whose time has come; answers how many. Runs with the sweep and on timers. */
    public int activateDue() {
        Instant now = clock.instant();
        int activated = 0;
        for (VersionDao.Scheduled due : database.read(handle -> handle.attach(VersionDao.class).scheduled())) {
            if (due.activateAt() == null || !due.activateAt().isAfter(now)) {
                String stale = staleBase(due.versionId());
                if (stale != null) {
                    // another version came into force since it was approved: activating it would undo that
                    database.write(handle -> {
                        handle.attach(VersionDao.class).state(due.versionId(), "DRAFT");
                        audit.append(handle, new dev.governor.audit.NewEvent("not_activated", "RULESET",
                                due.versionId(), null, null, stale, get(due.versionId()).hash(),
                                Map.of("status", "DRAFT", "reason", "rebase_needed")));
                        return null;
                    });
                    LOG.warn("scheduled ruleset version {} was not activated: {}", due.versionId(), stale);
                    continue;
                }
                activate(due.versionId(), null, "scheduled activation, approved", false);
                activated++;
            }
        }
        return activated;
    }

    /** After a restart: versions scheduled for later are compiled again and their timers armed. */
    public void rearm() {
        Instant now = clock.instant();
        for (VersionDao.Scheduled due : database.read(handle -> handle.attach(VersionDao.class).scheduled())) {
            if (due.activateAt() != null && due.activateAt().isAfter(now)) {
                afterApproval(due.versionId(), due.activateAt(), null);
            }
        }
    }

    private void activateDueQuietly() {
        try {
            activateDue();
        } catch (RuntimeException e) {
            LOG.error("a scheduled ruleset activation failed; the sweep tries again", e);
        }
    }

    /**
     * Puts version {@code id} in force: its knowledge base is built first, the periods and states are
     * recorded with an audit event, then the active reference is swapped. Requests already running
     * finish on the version they started with; the replaced one is closed after {@link #GRACE}.
     */
    synchronized void activate(long id, User by, String reason, boolean emergency) {
        Ruleset next = prepared.remove(id);
        if (next == null) {
            next = compiler.compile(load(database, id));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long previous = active().id();
        String hash = next.hash();
        database.write(handle -> {
            VersionDao dao = handle.attach(VersionDao.class);
            dao.endCurrentPeriod(now);
            dao.retireActive();
            dao.state(id, "ACTIVE");
            dao.activate(id, now, by == null ? null : by.id(), reason);
            audit.append(handle, new dev.governor.audit.NewEvent("activated", "RULESET", id, by,
                    by == null ? null : emergency ? "gm" : null, reason, hash,
                    Map.of("previous", previous, "emergency", emergency, "activeFrom", now.toString())));
            return null;
        });
        Ruleset replaced = rulesets.activate(next);
        LOG.info("ruleset version {} ({}) is in force{}", id, hash.substring(0, 12), emergency ? " (emergency)" : "");
        if (replaced != kept) {
            timer.schedule(replaced::close, GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private Ruleset prepare(long versionId) {
        return prepared.computeIfAbsent(versionId, id -> {
            String hash = get(id).hash();
            Ruleset active = rulesets.active();
            return hash.equals(active.hash()) ? active : compiler.compile(load(database, id));
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        Ruleset active = rulesets.active();
        prepared.values().forEach(ruleset -> {
            if (ruleset != active && ruleset != kept) {
                ruleset.close();
            }
        });
    }

    /** How version {@code id} differs from {@code against} (by default, the version it was made from, or the active one). */
    public RulesetDiff.Diff diff(long id, Long against) {
        VersionView version = get(id);
        long other = against != null ? against : version.basedOn() != null ? version.basedOn() : active().id();
        get(other);
        return RulesetDiff.between(other, load(database, other), id, load(database, id));
    }

    /**
     * Replays recorded proposals — those of a period (days inclusive, UTC; by default the last 30 days),
     * or the last {@code last} — against version {@code id}
     * and the version in force, and reports what would change.
     */
    public Impact.Report impact(long id, java.time.LocalDate from, java.time.LocalDate to, Integer last) {
        VersionView version = get(id);
        VersionView active = active();
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
        if (unapprovedCode(version)) {
            return replayInChild(version, active.id(), against, proposals);
        }
        Ruleset compiled = compiler.compile(load(database, id));
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
        DraftCheck.Outcome outcome = draftCheck.check(load(database, version.id()), catalog, proposals);
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

    /** The ruleset that was in force at an instant, for disputes about what the rules said then. */
    @Override
    public Ruleset at(Instant instant) {
        long id = database.read(handle -> handle.attach(VersionDao.class).activeAt(instant)).orElseThrow(() ->
                Refusal.invalid(List.of(dev.governor.core.FieldError.field("asOf", "before_first_version",
                        "no ruleset version was in force at " + instant))));
        Ruleset active = rulesets.active();
        String hash = database.read(handle -> handle.attach(VersionDao.class).find(id)).orElseThrow().hash();
        if (hash.equals(active.hash())) {
            return active;
        }
        synchronized (past) {
            Ruleset kept = past.get(id);
            if (kept == null) {
                kept = compiler.compile(load(database, id));
                past.put(id, kept);
                if (past.size() > PAST_VERSIONS_KEPT) {
                    // the eldest may still serve a check in flight: it is dropped, not closed, and collected
                    past.remove(past.keySet().iterator().next());
                }
            }
            return kept;
        }
    }

    private static Map<String, Object> orderedReport(List<String> changedFiles, List<ExampleCases.Result> results) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("changedFiles", changedFiles);
        report.put("examplesFailed", results.stream().filter(result -> !result.passed()).count());
        report.put("examples", results);
        return report;
    }

    static RulesetFiles load(Database database, long id) {
        return database.read(handle -> {
            VersionDao dao = handle.attach(VersionDao.class);
            Map<String, byte[]> files = new TreeMap<>();
            for (String path : dao.paths(id)) {
                files.put(path, dao.file(id, path).orElseThrow());
            }
            return new RulesetFiles(files);
        });
    }

    private static String report(Ruleset ruleset, Map<String, Object> more) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rules", ruleset.ruleCount());
        report.put("files", ruleset.files().files().size());
        report.putAll(more);
        try {
            return Json.MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static VersionView view(VersionRow row, List<String> paths) {
        try {
            return new VersionView(row.id(), row.hash(), row.state(), row.origin(), row.basedOn(), row.uploadedBy(),
                    row.uploadedAt(), row.activeFrom(), row.activeTo(), paths, Json.MAPPER.readTree(row.report()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("ruleset version " + row.id() + " holds an unreadable report", e);
        }
    }
}
