package dev.governor.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.governor.core.Json;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * AuditTrail is the append-only, hash-chained record of every state change. Each event's hash covers
 * all its columns and the hash of the event before it, so editing, deleting or inserting a row by
 * hand breaks the chain at that row, which {@link #verify()} finds.
 */
public final class AuditTrail {

    /** The previous hash of the first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final int PAGE = 2_000;

    /** Verification is the result of walking the chain: ok, or the first event found broken and why. */
    public record Verification(boolean ok, long events, String head, Long brokenAt, String reason,
                               Long unauditedProposals) {

        /** A broken chain: where (the event's number, when known) and why. */
        public static Verification broken(long events, Long seq, String reason) {
            return new Verification(false, events, null, seq, reason, null);
        }

        /** This verification, noting how many proposals predate the audit trail (recorded before it existed). */
        public Verification withUnaudited(long unaudited) {
            return new Verification(ok, events, head, brokenAt, reason, unaudited);
        }
    }

    /** Head is the last event of the chain: its number and hash. */
    private record Head(long seq, String hash) {
    }

    private final Database database;
    private final Clock clock;
    /**
     * The head as of the last append, so an append needs no read; only ever touched on the writer's
     * turn, and forgotten whenever a write is rolled back.
     */
    private volatile Head head;

    public AuditTrail(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.onRollback(() -> head = null);
    }

    /** Appends an event inside the caller's write transaction and returns its hash. */
    public String append(Handle handle, NewEvent event) {
        return append(handle, List.of(event));
    }

    /** Appends events, in order, inside the caller's write transaction (one statement); returns the last hash. */
    public String append(Handle handle, List<NewEvent> events) {
        Head last = head;
        if (last == null) {
            last = handle.attach(AuditDao.class).last().map(row -> new Head(row.seq(), row.hash()))
                    .orElse(new Head(0, GENESIS));
        }
        String at = Database.text(clock.instant());
        List<AuditRow> rows = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            long seq = last.seq() + 1;
            Long actorId = event.actor() == null ? null : event.actor().id();
            String actor = event.actor() == null ? NewEvent.GOVERNOR : event.actor().name();
            String detail = json(event.detail());
            AuditRow unsigned = new AuditRow(seq, at, event.event(), event.subjectType(), event.subjectId(), actorId,
                    actor, event.role(), event.comment(), event.rulesetVersion(), detail, last.hash(), null);
            String hash = hashOf(unsigned);
            rows.add(new AuditRow(seq, at, event.event(), event.subjectType(), event.subjectId(), actorId, actor,
                    event.role(), event.comment(), event.rulesetVersion(), detail, last.hash(), hash));
            last = new Head(seq, hash);
        }
        AuditDao.insert(handle, rows);
        head = last;
        return last.hash();
    }

    /** Every event of one subject, oldest first. */
    public List<AuditEvent> history(String subjectType, long subjectId) {
        return database.read(handle -> handle.attach(AuditDao.class).ofSubject(subjectType, subjectId)).stream()
                .map(AuditTrail::toEvent).toList();
    }

    /** Walks the whole chain from the first event: numbering without gaps, each link, each hash. */
    public Verification verify() {
        long after = 0;
        String prevHash = GENESIS;
        long count = 0;
        while (true) {
            long from = after;
            List<AuditRow> page = database.read(handle -> handle.attach(AuditDao.class).page(from, PAGE));
            for (AuditRow row : page) {
                count++;
                if (row.seq() != after + 1) {
                    return Verification.broken(count, after + 1, "event " + (after + 1)
                            + " is missing: the events jump from " + after + " to " + row.seq());
                }
                if (!row.prevHash().equals(prevHash)) {
                    return Verification.broken(count, row.seq(), "event " + row.seq()
                            + " does not carry the hash of the event before it: an event was removed or replaced");
                }
                if (!hashOf(row).equals(row.hash())) {
                    return Verification.broken(count, row.seq(), "event " + row.seq()
                            + " does not match its hash: it was edited after it was recorded");
                }
                after = row.seq();
                prevHash = row.hash();
            }
            if (page.size() < PAGE) {
                return new Verification(true, count, prevHash, null, null, null);
            }
        }
    }

    static String hashOf(AuditRow row) {
        List<Object> fields = new ArrayList<>(Arrays.asList(row.seq(), row.at(), row.event(), row.subjectType(),
                row.subjectId(), row.actorId(), row.actor(), row.role(), row.comment(), row.rulesetVersion(),
                row.detail(), row.prevHash()));
        return sha256(json(fields));
    }

    /** SHA-256 of a text, as 64 hex digits. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AuditEvent toEvent(AuditRow row) {
        try {
            return new AuditEvent(row.seq(), row.at(), row.event(), row.subjectType(), row.subjectId(), row.actor(),
                    row.role(), row.comment(), row.rulesetVersion(), Json.MAPPER.readTree(row.detail()),
                    row.prevHash(), row.hash());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("audit event " + row.seq() + " holds unreadable JSON", e);
        }
    }
}
