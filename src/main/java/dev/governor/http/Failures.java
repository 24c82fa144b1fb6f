package dev.governor.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Failures logs each unexpected failure (a 500) as one line naming its request id, and writes the
 * stack trace only the first time a cause is seen — a cause being the exception's class and the
 * place it was thrown — so a failure repeated by every request does not flood the log.
 */
final class Failures {

    /** Causes remembered; past this many, stack traces are no longer written for new ones. */
    static final int MAX_CAUSES = 1_000;

    private final Logger log;
    private final Set<String> traced = ConcurrentHashMap.newKeySet();

    Failures(Logger log) {
        this.log = log;
    }

    /** Logs {@code failure} of the request {@code requestId} on {@code route}; answers whether its stack trace was written. */
    boolean log(String requestId, String route, Throwable failure) {
        String cause = cause(failure);
        boolean first = traced.size() < MAX_CAUSES && traced.add(cause);
        if (first) {
            log.error("request {} on {} failed: {} (first time for this cause; its stack trace follows)", requestId,
                    route, Problems.cut(String.valueOf(failure)), failure);
        } else {
            log.error("request {} on {} failed: {} (cause {} seen before)", requestId, route,
                    Problems.cut(String.valueOf(failure)), cause);
        }
        return first;
    }

    private static String cause(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return failure.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
    }
}
