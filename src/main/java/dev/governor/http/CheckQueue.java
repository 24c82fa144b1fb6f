package dev.governor.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CheckQueue lets single price and promo checks run a few at a time (one per core, plus one being
 * read or written); the rest wait suspended, holding no thread, in arrival order, for as long as it
 * takes. At most {@code waiting} checks wait: one more is answered at once with a problem+json 503
 * and {@code Retry-After}, instead of queueing in memory until its client gives up. Jetty's own
 * answer would be an HTML error page, so both of its error paths are overridden here.
 */
final class CheckQueue extends QoSHandler {

    /** How many checks may wait for a turn: about a tenth of a second of checks at full speed. */
    static final int WAITING = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(CheckQueue.class);

    CheckQueue(Handler next, int running, int waiting, List<String> paths) {
        super(next);
        setMaxRequestCount(running);
        setMaxSuspendedRequestCount(waiting);
        setMaxSuspend(Duration.ZERO);
        includePath(paths.toArray(String[]::new));
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        answer(response, callback, 503, "overloaded", getMaxSuspendedRequestCount() + " checks are already waiting"
                + " for a turn; retry in a second, or send many price changes at once to POST /api/price-checks/batch");
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        if (status == 503) {
            answer(response, callback, 503, "overloaded", "the check waited too long for a turn; retry in a second");
        } else {
            LOG.error("a waiting check failed when its turn came ({})", status, failure);
            answer(response, callback, 500, "internal_error", Problems.INTERNAL_ERROR_DETAIL);
        }
    }

    private static void answer(Response response, Callback callback, int status, String code, String detail) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("the answer was already under way"));
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        if (status == 503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.write(true, ByteBuffer.wrap(Json.bytes(Problems.body(status, code, detail, List.of(), null))), callback);
    }
}
