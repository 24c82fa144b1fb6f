package dev.governor.ruleset;

import dev.governor.guardrail.Results;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/** Sessions gives each evaluation of a ruleset an empty session over one of its knowledge bases. */
interface Sessions {

    /** Inserts the facts into an empty session, fires every rule with {@code results} as the rules' global, and frees the session. */
    void evaluate(List<?> facts, Results results);

    void close();

    /**
     * Sessions from a Drools {@code KieSessionsPool}, which resets a session for the next evaluation.
     * The reset reads one slot per node memory of the whole knowledge base, so it costs little on a
     * small knowledge base and grows with its tables.
     */
    static Sessions pooled(KieBase knowledgeBase) {
        KieSessionsPool pool = knowledgeBase.newKieSessionsPool(4);
        return new Sessions() {
            @Override
            public void evaluate(List<?> facts, Results results) {
                KieSession session = pool.newKieSession();
                try {
                    fire(session, facts, results);
                } finally {
                    session.dispose();
                }
            }

            @Override
            public void close() {
                pool.shutdown();
            }
        };
    }

    /** Inserts the facts into the session with {@code results} as the global the rules report to, and fires every rule. */
    static void fire(KieSession session, List<?> facts, Results results) {
        session.setGlobal("results", results);
        for (Object fact : facts) {
            session.insert(fact);
        }
        session.fireAllRules();
    }
}
