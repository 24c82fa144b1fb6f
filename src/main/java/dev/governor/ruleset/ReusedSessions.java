package dev.governor.ruleset;

import dev.governor.guardrail.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * ReusedSessions keeps sessions over one knowledge base and readies each for the next evaluation by
 * deleting every fact in it, where a {@code KieSessionsPool} resets it. The pool's reset
 * ({@code ConcurrentNodeMemories.resetAllMemories}) reads one slot per node memory of the whole
 * knowledge base, whether or not the evaluation touched the node, so it grows with the tables;
 * deleting the facts costs only what those few facts touched (figures: docs/BENCHMARKS.md).
 * <p>
 * A session is kept only when it comes clean: no fact left, and no rule fired by the deletions (a
 * rule's {@code not} pattern may match while its blockers go; that firing reports to a scratch global,
 * never to an answer). A session that does not come clean, or whose evaluation failed, is disposed of.
 * At most one session per evaluation running at once is ever kept.
 */
final class ReusedSessions implements Sessions {

    private final KieBase knowledgeBase;
    private final ConcurrentLinkedQueue<KieSession> idle = new ConcurrentLinkedQueue<>();
    private final AtomicLong discarded = new AtomicLong();
    private volatile boolean closed;

    ReusedSessions(KieBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    @Override
    public void evaluate(List<?> facts, Results results) {
        KieSession session = idle.poll();
        if (session == null) {
            session = knowledgeBase.newKieSession();
        }
        boolean evaluated = false;
        try {
            Sessions.fire(session, facts, results);
            evaluated = true;
        } finally {
            if (evaluated && !closed && emptied(session)) {
                idle.offer(session);
                // close() may have drained the queue between the check and the offer
                if (closed && idle.remove(session)) {
                    session.dispose();
                }
            } else {
                discarded.incrementAndGet();
                session.dispose();
            }
        }
    }

    /** How many sessions were disposed of instead of kept for the next evaluation. */
    long discarded() {
        return discarded.get();
    }

    /** Deletes every fact, the rules' own included; answers whether the session is now as new. */
    private static boolean emptied(KieSession session) {
        try {
            for (FactHandle handle : new ArrayList<FactHandle>(session.getFactHandles())) {
                session.delete(handle);
            }
            session.setGlobal("results", new Results());
            return session.fireAllRules() == 0 && session.getFactCount() == 0;
        } catch (RuntimeException broken) {
            return false;
        }
    }

    /** Disposes of the sessions kept; an evaluation still running disposes of its own when it ends. */
    @Override
    public void close() {
        closed = true;
        for (KieSession session; (session = idle.poll()) != null; ) {
            session.dispose();
        }
    }
}
