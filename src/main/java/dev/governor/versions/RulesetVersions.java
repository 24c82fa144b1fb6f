package dev.governor.versions;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.RulesetHistory;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.governor.audit.NewEvent.detail;

/**
 * RulesetVersions keeps every version of the guardrails in SQLite — the full set of files, its
 * hash, uploader, state and the periods it was in force — puts the active one in force at start,
 * reads versions back, and answers which version was in force at an instant. Drafts are made by
 * {@link Drafts}, put in force by {@link Activations} and replayed by {@link Replays}.
 */
public final class RulesetVersions implements RulesetHistory {

    private static final Logger LOG = LoggerFactory.getLogger(RulesetVersions.class);
    /** Versions compiled for as-of checks kept at once, besides the active one. */
    private static final int PAST_VERSIONS_KEPT = 2;

    private final Database database;
    private final RulesetCompiler compiler;
    private final Rulesets rulesets;
    private final Map<Long, Ruleset> past = new LinkedHashMap<>(4, 0.75f, true);

    public RulesetVersions(Database database, RulesetCompiler compiler, Rulesets rulesets) {
        this.database = database;
        this.compiler = compiler;
        this.rulesets = rulesets;
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






    /** How version {@code id} differs from {@code against} (by default, the version it was made from, or the active one). */
    public RulesetDiff.Diff diff(long id, Long against) {
        VersionView version = get(id);
        long other = against != null ? against : version.basedOn() != null ? version.basedOn() : active().id();
        get(other);
        return RulesetDiff.between(other, load(database, other), id, load(database, id));
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

    static String report(Ruleset ruleset, Map<String, Object> more) {
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
