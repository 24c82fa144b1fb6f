package dev.governor.ruleset;

import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CheckGroups answers single checks in groups: each request waits in one bounded queue, and each
 * of a few workers takes every request waiting (up to {@code maxGroup}) and evaluates them together
 * in one rules session, each request's facts tagged with its own ref, as a batch is. Under load this
 * pays the session's set-up once per group instead of once per check, and runs the rules many times
 * in a row on hot caches. A request that arrives alone is evaluated alone, at once.
 * <p>
 * Past {@code waiting} requests in the queue, one more is refused at once with 503 {@code overloaded}
 * instead of waiting in memory until its client gives up.
 */
public final class CheckGroups implements AutoCloseable {

    /** Facts adds one request's facts, every one tagged with {@code ref}. */
    @FunctionalInterface
    public interface Facts {
        void add(int ref, List<Object> facts);
    }

    private record Job(Ruleset ruleset, Facts facts, CompletableFuture<Evaluation> answer) {
    }

    /** How many checks may wait for a turn: about a tenth of a second of checks at full speed. */
    public static final int WAITING = 1024;
    /** The most checks evaluated in one session: a little more than the connections a busy client keeps open. */
    public static final int MAX_GROUP = 64;

    private static final Logger LOG = LoggerFactory.getLogger(CheckGroups.class);

    private final BlockingQueue<Job> queue;
    private final int waiting;
    private final int maxGroup;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    public CheckGroups(String name, int workers, int waiting, int maxGroup) {
        this.queue = new ArrayBlockingQueue<>(waiting);
        this.waiting = waiting;
        this.maxGroup = maxGroup;
        for (int i = 1; i <= workers; i++) {
            Thread worker = new Thread(this::work, name + "-" + i);
            worker.setDaemon(true);
            this.workers.add(worker);
            worker.start();
        }
    }

    /** The answer to one request: in a group with the checks waiting in {@code groups}, or alone at once when it is null. */
    public static CompletableFuture<Evaluation> answer(CheckGroups groups, Ruleset ruleset, Facts facts) {
        return groups == null ? CompletableFuture.completedFuture(alone(ruleset, facts)) : groups.submit(ruleset, facts);
    }

    /** Evaluates one request alone, at once, from the same facts a group would take: tagged ref 0. */
    public static Evaluation alone(Ruleset ruleset, Facts facts) {
        List<Object> list = new ArrayList<>();
        facts.add(0, list);
        return ruleset.evaluateRequest(list);
    }

    /** The answer to one request, once its group has been evaluated. */
    public CompletableFuture<Evaluation> submit(Ruleset ruleset, Facts facts) {
        Job job = new Job(ruleset, facts, new CompletableFuture<>());
        if (closed) {
            throw stopping();
        }
        if (!queue.offer(job)) {
            throw new Refusal(ErrorCode.OVERLOADED, waiting + " checks are already waiting for a turn; retry in"
                    + " a second, or send many price changes at once to POST /api/price-checks/batch");
        }
        if (closed && queue.remove(job)) {
            // closed while this check went in, after the waiting checks were answered: nobody would take it
            throw stopping();
        }
        return job.answer();
    }

    private void work() {
        List<Job> group = new ArrayList<>(maxGroup);
        while (!closed) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, maxGroup - 1);
            try {
                answer(group);
            } catch (RuntimeException | Error unexpected) {
                // the worker must outlive anything one group does, or every later check would wait forever
                LOG.error("answering a group of {} checks failed", group.size(), unexpected);
                group.forEach(job -> job.answer().completeExceptionally(unexpected));
            }
            group.clear();
        }
    }

    private static void answer(List<Job> group) {
        Map<Ruleset, List<Job>> byRuleset = new IdentityHashMap<>();
        for (Job job : group) {
            byRuleset.computeIfAbsent(job.ruleset(), ruleset -> new ArrayList<>()).add(job);
        }
        byRuleset.forEach((ruleset, jobs) -> {
            try {
                evaluate(ruleset, jobs);
            } catch (RuntimeException | Error failure) {
                if (jobs.size() == 1) {
                    jobs.get(0).answer().completeExceptionally(failure);
                    return;
                }
                // one request's facts broke the session: answer the others alone, so only it fails
                LOG.warn("a group of {} checks failed; evaluating each alone", jobs.size(), failure);
                for (Job job : jobs) {
                    try {
                        evaluate(ruleset, List.of(job));
                    } catch (RuntimeException | Error alone) {
                        job.answer().completeExceptionally(alone);
                    }
                }
            }
        });
    }

    private static void evaluate(Ruleset ruleset, List<Job> jobs) {
        List<Object> facts = new ArrayList<>();
        for (int ref = 0; ref < jobs.size(); ref++) {
            jobs.get(ref).facts().add(ref, facts);
        }
        Map<Integer, Evaluation> evaluations = ruleset.evaluations(ruleset.evaluate(facts));
        for (int ref = 0; ref < jobs.size(); ref++) {
            jobs.get(ref).answer().complete(ruleset.answerFor(evaluations, ref));
        }
    }

    /** Stops the workers; requests still waiting are answered 503. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Job job; (job = queue.poll()) != null; ) {
            job.answer().completeExceptionally(stopping());
        }
    }

    private static Refusal stopping() {
        return new Refusal(ErrorCode.SHUTTING_DOWN, "the service is stopping; retry in a second");
    }
}
