package dev.governor;

import dev.governor.accounts.Accounts;
import dev.governor.allocation.AllocationExamples;
import dev.governor.allocation.AllocationService;
import dev.governor.approvals.AuditVerification;
import dev.governor.approvals.Decisions;
import dev.governor.approvals.Queue;
import dev.governor.approvals.RequestRow;
import dev.governor.approvals.Routes;
import dev.governor.approvals.Subjects;
import dev.governor.approvals.Submissions;
import dev.governor.audit.AuditTrail;
import dev.governor.auth.Users;
import dev.governor.budget.BudgetRecords;
import dev.governor.budget.BudgetService;
import dev.governor.budget.BudgetShifts;
import dev.governor.guardrail.Offer;
import dev.governor.http.AccountController;
import dev.governor.http.AllocationController;
import dev.governor.http.ApprovalController;
import dev.governor.http.BudgetController;
import dev.governor.http.CatalogController;
import dev.governor.http.HttpServer;
import dev.governor.http.PriceController;
import dev.governor.http.PromoController;
import dev.governor.http.ProposalController;
import dev.governor.http.VersionController;
import dev.governor.pricing.PriceService;
import dev.governor.promo.PromoService;
import dev.governor.proposals.ProposalKind;
import dev.governor.proposals.ProposalLog;
import dev.governor.proposals.Proposals;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.CheckGroups;
import dev.governor.ruleset.ExampleCases;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import dev.governor.store.ServingLock;
import dev.governor.versions.ActivationSubject;
import dev.governor.versions.Activations;
import dev.governor.versions.DraftCheck;
import dev.governor.versions.Drafts;
import dev.governor.versions.Replays;
import dev.governor.versions.RulesetVersions;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Governor wires the service together — store, reference data, ruleset, features, HTTP — and
 * holds it while it runs. It carries no logic of its own.
 * <p>
 * Longer than most classes because it is the one place that knows every piece: which service gets
 * which, which subjects register with the approvals pipeline, and what starts and stops in which
 * order. Splitting the wiring would spread that order over several files.
 */
public final class Governor implements AutoCloseable {

    /**
     * Settings are where the service finds its database and its guardrails, the port it listens on,
     * and whether to create demo users on an empty database (before the port answers, so whoever waits
     * for /health finds their tokens printed).
     */
    public record Settings(Path database, Path home, int port, boolean demo) {

        /** Settings without demo users. */
        public Settings(Path database, Path home, int port) {
            this(database, home, port, false);
        }
    }

    private final Database database;
    private final ServingLock lock;
    private final Users users;
    private final Accounts accounts;
    /** The demo users created at start, by name, with their passwords and tokens; empty when none were. */
    private final Map<String, Accounts.Created> demoUsers;
    private final ScheduledExecutorService userCommands;
    private final Rulesets rulesets;
    private final HttpServer server;
    private final Services services;
    private final ExampleCases examples;
    private final RulesetVersions versions;
    private final ScheduledExecutorService sweeper;
    private final CheckGroups checkGroups;
    /** The ruleset the caller compiled and keeps (tests), never closed here; null when Governor compiled its own. */
    private final Ruleset compiledByCaller;

    private Governor(Database database, ServingLock lock, Users users, Accounts accounts, HttpServer server,
                     Services services, CheckGroups checkGroups, Ruleset compiledByCaller,
                     Map<String, Accounts.Created> demoUsers) {
        this.database = database;
        this.lock = lock;
        this.checkGroups = checkGroups;
        this.users = users;
        this.accounts = accounts;
        this.demoUsers = demoUsers;
        this.rulesets = services.rulesets();
        this.server = server;
        this.services = services;
        this.examples = services.examples();
        this.versions = services.versions();
        this.compiledByCaller = compiledByCaller;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "governor-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 0, SWEEP_SECONDS, TimeUnit.SECONDS);
        // apart from the sweep, which may spend seconds compiling a version that is due
        this.userCommands = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "governor-user-commands");
            thread.setDaemon(true);
            return thread;
        });
        userCommands.scheduleWithFixedDelay(this::applyUserCommandsQuietly, 0, USER_COMMANDS_MS, TimeUnit.MILLISECONDS);
    }

    /** How often changes to users queued on the command line are looked for: they take effect within a second. */
    static final long USER_COMMANDS_MS = 250;

    private void applyUserCommandsQuietly() {
        try {
            int applied = accounts.applyQueued();
            if (applied > 0) {
                LOG.info("{} change(s) to users from the command line applied", applied);
            }
        } catch (RuntimeException e) {
            if (!userCommands.isShutdown()) {
                LOG.error("applying changes to users from the command line failed; tried again in {} ms",
                        USER_COMMANDS_MS, e);
            }
        }
    }

    /** How often pending requests are checked for expiry and approved prices for their effective date. */
    static final long SWEEP_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(Governor.class);

    public static Governor start(Settings settings) {
        return start(settings, guardrails(settings.home()), null, Clock.systemUTC());
    }

    /** Starts with an already compiled ruleset that the caller keeps (tests compile the shipped one once per run). */
    public static Governor start(Settings settings, Ruleset ruleset) {
        return start(settings, ruleset.files(), ruleset, Clock.systemUTC());
    }

    /** Starts with a compiled ruleset the caller keeps, telling time by {@code clock} (tests move it to see expiry). */
    public static Governor start(Settings settings, Ruleset ruleset, Clock clock) {
        return start(settings, ruleset.files(), ruleset, clock);
    }

    /**
     * Starts on the ruleset version in force in the database; on first start {@code shipped} becomes
     * version 1. {@code compiled}, when given, is {@code shipped} compiled already, and stays the caller's.
     */
    private static Governor start(Settings settings, RulesetFiles shipped, Ruleset compiled, Clock clock) {
        checkPortFree(settings.port());
        ServingLock lock = ServingLock.tryTake(settings.database()).orElseThrow(() -> new StartFailure(
                "another Governor is serving " + settings.database().toAbsolutePath() + " (it holds "
                        + ServingLock.fileOf(settings.database().toAbsolutePath()) + "): stop it, or give this one "
                        + "its own --db"));
        Database database;
        try {
            database = Database.open(settings.database());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        CheckGroups checkGroups = null;
        try {
            Services services = assemble(database, settings.home().resolve("samples/reference"), shipped, compiled,
                    DraftCheck.standard(), clock);
            Users users = new Users(database, clock);
            Accounts accounts = new Accounts(database, users, services.audit(), clock);
            Map<String, Accounts.Created> demoUsers = settings.demo() ? accounts.createDemoUsersIfEmpty() : Map.of();
            // one core is left to the HTTP threads that read checks and write their answers
            checkGroups = new CheckGroups("checks", Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
                    CheckGroups.WAITING, CheckGroups.MAX_GROUP);
            var controllers = new HttpServer.Controllers(
                    new PriceController(services.prices(), checkGroups),
                    new PromoController(services.promos(), checkGroups),
                    new ProposalController(services.log()),
                    new CatalogController(services.catalog()),
                    new ApprovalController(services.decisions(), services.queue(), services.verification(),
                            services.audit(), services.log()),
                    new VersionController(services.versions(), services.drafts(), services.activations(),
                            services.replays(), services.queue()),
                    new AllocationController(services.allocations()),
                    new BudgetController(services.budget(), services.budgetRecords()),
                    new AccountController(accounts));
            HttpServer server;
            try {
                server = new HttpServer(users, services.rulesets(), controllers).start(settings.port());
            } catch (JavalinBindException e) {
                throw portInUse(settings.port());
            }
            services.activations().rearm();
            return new Governor(database, lock, users, accounts, server, services, checkGroups, compiled, demoUsers);
        } catch (RuntimeException e) {
            if (checkGroups != null) {
                checkGroups.close();
            }
            database.close();
            lock.close();
            throw e;
        }
    }

    /** Services are the features wired to one database, without HTTP: what the service and a draft's check share. */
    public record Services(CatalogService catalog, Rulesets rulesets, ExampleCases examples, ProposalLog log,
                           RulesetVersions versions, Drafts drafts, Activations activations, Replays replays,
                           AuditTrail audit, Decisions decisions, Queue queue, AuditVerification verification,
                           PriceService prices, PromoService promos, AllocationService allocations,
                           BudgetService budget, BudgetRecords budgetRecords) {
    }

    /**
     * Wires the features to {@code database}: the catalog (seeded from {@code reference} when the
     * database has none), the ruleset version in force ({@code shipped} becomes version 1 on an empty
     * database; {@code compiled}, when given, is it compiled already), the approvals pipeline with
     * every kind of subject registered, and the example cases. Drafts that change rule code are
     * checked by {@code draftCheck}, in a child process; null refuses them (the child itself has none).
     */
    public static Services assemble(Database database, Path reference, RulesetFiles shipped, Ruleset compiled,
                                    DraftCheck draftCheck, Clock clock) {
        CatalogService catalog = new CatalogService(database);
        catalog.seedIfEmpty(reference);
        RulesetCompiler compiler = new RulesetCompiler();
        Ruleset ruleset = RulesetVersions.startUp(database, compiler, shipped, compiled, clock);
        Rulesets rulesets = new Rulesets(ruleset);
        ExampleCases examples = new ExampleCases();
        ProposalLog log = new ProposalLog(database);
        RulesetVersions versions = new RulesetVersions(database, compiler, rulesets);
        AuditTrail audit = new AuditTrail(database, clock);
        Subjects subjects = new Subjects();
        Submissions submissions = new Submissions(database, new Routes(database), audit);

        Proposals proposals = new Proposals(database, log, submissions, catalog, clock);
        subjects.register(RequestRow.PROPOSAL, proposals);
        PriceService prices = new PriceService(catalog, rulesets, versions, proposals, clock);
        proposals.register(ProposalKind.PRICE, prices);
        PromoService promos = new PromoService(catalog, rulesets, versions, log, proposals, clock);
        proposals.register(ProposalKind.PROMO, promos);
        AllocationService allocations = new AllocationService(database, catalog, rulesets, submissions, clock);
        subjects.register(RequestRow.ALLOCATION, allocations);
        BudgetRecords budgetRecords = new BudgetRecords(database, rulesets, audit);
        BudgetService budget = new BudgetService(database, rulesets, submissions, budgetRecords, clock);
        subjects.register(RequestRow.BUDGET_SHIFT, new BudgetShifts(database, rulesets, budgetRecords, clock));

        Drafts drafts = new Drafts(database, compiler, versions, examples, draftCheck, catalog, clock);
        Activations activations = new Activations(database, compiler, rulesets, versions, examples, audit,
                submissions, clock, compiled);
        subjects.register(RequestRow.RULESET, new ActivationSubject(activations, drafts));
        Replays replays = new Replays(database, compiler, rulesets, versions, examples, log, draftCheck, catalog,
                clock);

        examples.checkWith(Offer.PRICE, prices::evaluateWith);
        examples.checkWith(Offer.PROMO, promos::evaluateWith);
        examples.checkWith(BudgetService.EXAMPLE_KIND, budget::evaluateWith);
        examples.runWith(AllocationExamples.KIND, new AllocationExamples(catalog));
        return new Services(catalog, rulesets, examples, log, versions, drafts, activations, replays, audit,
                new Decisions(database, subjects, audit, clock), new Queue(database, subjects, audit, clock),
                new AuditVerification(audit, subjects), prices, promos, allocations, budget, budgetRecords);
    }

    /** Refuses to start, before anything is opened, when another process listens on {@code port}. */
    private static void checkPortFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw portInUse(port);
        }
    }

    private static StartFailure portInUse(int port) {
        return new StartFailure("port " + port + " is in use: stop what holds it, or pass --port");
    }

    /** The guardrails in the home folder ({@code rules/} and {@code decision-tables/}), or the ones shipped in the jar. */
    public static RulesetFiles guardrails(Path home) {
        if (Files.isDirectory(home.resolve("rules")) && Files.isDirectory(home.resolve("decision-tables"))) {
            return RulesetFiles.fromDirectory(home);
        }
        return RulesetFiles.shipped();
    }

    public Users users() {
        return users;
    }

    /** The demo users created at start (serve --demo on an empty database), by name; empty when none were. */
    public Map<String, Accounts.Created> demoUsers() {
        return demoUsers;
    }

    /** Users' lives: creation, tokens, revocation. */
    public Accounts accounts() {
        return accounts;
    }

    /** Ruleset versions: upload, review, activation. */
    public RulesetVersions versions() {
        return versions;
    }

    /** The features wired to the database: approvals, proposals, versions, allocations, budget. */
    public Services services() {
        return services;
    }

    /** The runner of the example cases workbooks carry. */
    public ExampleCases examples() {
        return examples;
    }

    public Rulesets rulesets() {
        return rulesets;
    }

    /** Expires overdue approval requests and makes due approved prices current; runs every minute by itself. */
    public int sweep() {
        int expired = services.decisions().expireOverdue();
        services.prices().applyDuePrices();
        services.activations().activateDue();
        return expired;
    }

    private void sweepQuietly() {
        try {
            int expired = sweep();
            if (expired > 0) {
                LOG.info("{} approval request(s) expired", expired);
            }
        } catch (RuntimeException e) {
            if (sweeper.isShutdown()) {
                // stopped by close, say mid-way through compiling a version due now: nothing was changed
                // half-way, and the next start sweeps again
                LOG.info("the sweep was stopped by the shutdown; the next start sweeps again ({})", e.toString());
            } else {
                LOG.error("the sweep of expired requests and due prices failed; it runs again in {} s", SWEEP_SECONDS, e);
            }
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        userCommands.shutdownNow();
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        checkGroups.close();
        services.activations().close();
        if (rulesets.active() != compiledByCaller) {
            rulesets.active().close();
        }
        database.close();
        lock.close();
    }
}
