package dev.governor.versions;

import dev.governor.approvals.RequestRow;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.guardrail.Source;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.ruleset.ExampleCases;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.governor.audit.NewEvent.detail;


/**
 * Activations puts versions in force: a request to activate one goes through the approvals pipeline
 * (refused when it would undo a change made since it was built, or when its example cases fail),
 * an approved one comes into force at its time — now, on a timer, or at the sweep — and the GM alone
 * may put an earlier version back in an emergency. A replaced ruleset stays open for the requests
 * still running on it.
 * <p>
 * About 300 lines: requesting, approving, scheduling and swapping in a version share the compiled
 * versions kept ready and the timer that activates them.
 */
public final class Activations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Activations.class);

    /**
     * The route of activating a version that changes rule code, fixed here and not in a table finance
     * can edit: a rules engineer asks, the GM approves (never the one who uploaded it), finance is
     * consulted, everyone is informed.
     */
    static final ApprovalRoute CODE_ROUTE = new ApprovalRoute(ApprovalCase.RULESET_ACTIVATION, List.of(Role.RULES_ENGINEER),
            List.of(Role.GM), List.of(Role.FINANCE), List.of(Role.GM, Role.DTC_LEAD, Role.MARKETPLACE_LEAD,
            Role.FINANCE, Role.OPERATIONS, Role.REVENUE_OPS, Role.RULES_ENGINEER), 1, 7,
            Source.rule("Activating a version that changes rule code (fixed in Governor's code)"), null);
    /** How long a replaced ruleset stays open for the requests still running on it. */
    static final java.time.Duration GRACE = java.time.Duration.ofSeconds(60);

    private final Database database;
    private final RulesetCompiler compiler;
    private final Rulesets rulesets;
    private final RulesetVersions versions;
    private final ExampleCases examples;
    private final AuditTrail audit;
    private final Submissions submissions;
    private final Clock clock;
    /** The ruleset the caller compiled and keeps: never closed here. */
    private final Ruleset kept;
    /** Versions compiled ahead of their activation (at the re-check, or when armed), by id. */
    private final Map<Long, Ruleset> prepared = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService timer =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "governor-activations");
                thread.setDaemon(true);
                return thread;
            });

    public Activations(Database database, RulesetCompiler compiler, Rulesets rulesets, RulesetVersions versions,
                       ExampleCases examples, AuditTrail audit, Submissions submissions, Clock clock, Ruleset kept) {
        this.database = database;
        this.compiler = compiler;
        this.rulesets = rulesets;
        this.versions = versions;
        this.examples = examples;
        this.audit = audit;
        this.submissions = submissions;
        this.clock = clock;
        this.kept = kept;
    }

    /**
     * Asks for version {@code id} to become active at {@code at} (null: once approved): refused when it
     * is active or scheduled already, or when its example cases fail; otherwise an approval request,
     * whose id it answers.
     */
    public long requestActivation(User user, long id, Instant at) {
        VersionView version = versions.get(id);
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
        ApprovalRoute routing = version.report().has("code") ? CODE_ROUTE : Routes.route(rulesets.active(),
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
        VersionView version = versions.get(id);
        int periods = database.read(handle -> handle.attach(VersionDao.class).periods(id));
        if (periods == 0 || version.state().equals("ACTIVE")) {
            throw new Refusal(ErrorCode.NOT_A_ROLLBACK, "an emergency activation only puts back a version that was in "
                    + "force before and is not now; version " + id + " is " + version.state().toLowerCase()
                    + (periods == 0 ? " and never was in force" : ""));
        }
        activate(id, gm, "emergency rollback by the GM: " + reason, true);
        return versions.get(id);
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
        VersionView version = versions.get(versionId);
        VersionRow active = database.read(handle -> handle.attach(VersionDao.class).active()).orElseThrow();
        int periods = database.read(handle -> handle.attach(VersionDao.class).periods(versionId));
        if (version.basedOn() == null || version.basedOn() == active.id() || periods > 0 || versionId == active.id()) {
            return null;
        }
        return new Refusal(ErrorCode.REBASE_NEEDED, "version " + versionId + " was built on version "
                + version.basedOn() + ", and version " + active.id() + " is in force now: activating it would undo "
                + "what changed since. Rebase it on the version in force (POST /api/rulesets/" + versionId
                + "/rebase), read the new draft's diff, and ask for that one", List.of(),
                Map.of("basedOn", version.basedOn(), "inForce", active.id(), "diff", versions.diff(versionId, active.id())));
    }

    /** The example cases of the version that fail now (empty when it may be activated). */
    List<String> failingExamples(long versionId) {
        VersionView version = versions.get(versionId);
        if (Drafts.unapprovedCode(version)) {
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
        VersionView version = versions.get(versionId);
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
                                due.versionId(), null, null, stale, versions.get(due.versionId()).hash(),
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
            next = compiler.compile(RulesetVersions.load(database, id));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long previous = versions.active().id();
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
            String hash = versions.get(id).hash();
            Ruleset active = rulesets.active();
            return hash.equals(active.hash()) ? active : compiler.compile(RulesetVersions.load(database, id));
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

}
