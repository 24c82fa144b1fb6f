package dev.governor.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Connections keeps slow or greedy clients from taking the room others need. A request's body is
 * read without holding a thread, before the request is handled, and refused past its endpoint's
 * limit however it arrives (declared length, chunked, multipart); a body that moves slower than
 * {@link #MIN_DATA_RATE} bytes a second is dropped, and so is a request whose headers are not all in
 * after {@link #HEADER_DEADLINE_MS}; a connection idle for
 * {@link #IDLE_TIMEOUT_MS} is closed, and sooner once {@link #MAX_CONNECTIONS} are open.
 * <p>
 * About 300 lines because every limit is set on one Jetty connector and its connection factory;
 * DoorApiTest attacks them together.
 */
final class Connections {

    /** The fewest bytes a second a body must move, once {@link #GRACE_MS} have passed. */
    static final long MIN_DATA_RATE = 1024;
    /** How long a connection may stay silent. */
    static final long IDLE_TIMEOUT_MS = 15_000;
    /** Open connections at which new ones are no longer accepted, and idle ones are closed after {@link #CROWDED_IDLE_MS}. */
    static final int MAX_CONNECTIONS = 4_000;
    static final long CROWDED_IDLE_MS = 2_000;

    private Connections() {
    }

    /**
     * Tunes the HTTP configuration: a URI and headers of at most 8 KB, and a blocked read or write
     * given up after {@link #IDLE_TIMEOUT_MS}. Jetty's own minimum data rates are left off: they count
     * the time the server spends computing as the client's slowness (a cold first check, a batch
     * answer streamed as it is computed); bodies are timed by {@link BodyLoader} instead.
     */
    static void configure(HttpConfiguration http) {
        http.setIdleTimeout(IDLE_TIMEOUT_MS);
        http.setRequestHeaderSize(8 * 1024);
        http.setSendServerVersion(false);
    }

    /**
     * Puts the body loader in front of the application and caps the connections. Only the body of a
     * request with a known bearer token is kept: any other is read, dropped, and refused with 401.
     */
    static void configure(Server server, Predicate<String> knownBearer) {
        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(new EagerContentHandler(new BodyLoaderFactory(knownBearer)));
        NetworkConnectionLimit limit = new NetworkConnectionLimit(MAX_CONNECTIONS, server);
        limit.setEndPointIdleTimeout(CROWDED_IDLE_MS);
        server.addBean(limit);
    }

    /** How long a request's line and headers may take to arrive, however steadily they trickle in. */
    static final long HEADER_DEADLINE_MS = 10_000;

    /**
     * Sets every connector's idle timeout, and closes any connection whose request line and headers
     * have not all arrived {@link #HEADER_DEADLINE_MS} after they started (a client sending a header
     * byte every few seconds never trips the idle timeout); called once Javalin has made its connector.
     */
    static void idleTimeouts(Server server) {
        for (var connector : server.getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.AbstractConnector network) {
                network.setIdleTimeout(IDLE_TIMEOUT_MS);
                network.addEventListener(new HeaderDeadline(network.getScheduler()));
            }
        }
    }

    /**
     * HeaderDeadline looks at each HTTP/1 connection once a second: while its parser is part-way
     * through a request's line and headers, the clock runs; past {@link #HEADER_DEADLINE_MS} the
     * connection is closed. (It reads Jetty's internal HttpConnection, the only place the parser's
     * state is visible.)
     */
    private static final class HeaderDeadline implements org.eclipse.jetty.io.Connection.Listener {

        private final Scheduler scheduler;

        HeaderDeadline(Scheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public void onOpened(org.eclipse.jetty.io.Connection connection) {
            if (connection instanceof org.eclipse.jetty.server.internal.HttpConnection http) {
                watch(http, new long[] {0});
            }
        }

        private void watch(org.eclipse.jetty.server.internal.HttpConnection http, long[] headerSince) {
            scheduler.schedule(() -> {
                if (!http.getEndPoint().isOpen()) {
                    return;
                }
                var parser = http.getParser();
                if (parser.isStart() || !parser.inHeaderState()) {
                    headerSince[0] = 0;
                } else if (headerSince[0] == 0) {
                    headerSince[0] = NanoTime.now();
                } else if (NanoTime.millisSince(headerSince[0]) > HEADER_DEADLINE_MS) {
                    http.getEndPoint().close();
                    return;
                }
                watch(http, headerSince);
            }, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * BodyLoaderFactory loads every body (JSON, CSV, multipart) of a request with a known token into
     * memory before the request is handled, so no handler thread ever waits for a slow client; the
     * body of any other request is read the same way and dropped, so its 401 reaches it. Past
     * the endpoint's limit it answers 413 at once; a body that falls below {@link #MIN_DATA_RATE}
     * bytes a second (after {@link #GRACE_MS}) gets 408. The handler then reads the loaded body, and
     * still checks the exact limit.
     */
    private static final class BodyLoaderFactory implements EagerContentHandler.ContentLoaderFactory {

        private final Predicate<String> knownBearer;

        BodyLoaderFactory(Predicate<String> knownBearer) {
            this.knownBearer = knownBearer;
        }

        @Override
        public String getApplicableMimeType() {
            return null;
        }

        @Override
        public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler handler,
                                                                  Request request, Response response, Callback callback) {
            // a body without a known token is read too, so the client gets its 401 rather than a reset
            // connection, but nothing of it is kept
            boolean keep = knownBearer.test(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            return new BodyLoader(handler, request, response, callback, HttpServer.bodyLimit(request.getHttpURI().getPath()),
                    keep);
        }
    }

    /** How long a body may take to start moving at {@link #MIN_DATA_RATE}. */
    static final long GRACE_MS = 2_000;

    /** BodyLoader reads one request's body without blocking, then hands the request on with the body in memory. */
    private static final class BodyLoader extends EagerContentHandler.ContentLoader implements Invocable.Task {

        private final long limit;
        private final long started = NanoTime.now();
        private byte[] body = new byte[0];
        private int size;
        /** Set once the request has been handed on or refused; guarded by this. */
        private boolean finished;
        private Scheduler.Task timer;

        /** Whether the body is kept for the handler; a body without a known token is read and dropped. */
        private final boolean keep;

        BodyLoader(Handler handler, Request request, Response response, Callback callback, long limit, boolean keep) {
            super(handler, request, response, callback);
            this.limit = limit;
            this.keep = keep;
        }

        @Override
        protected void load() {
            watch();
            read(false);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        /** Called when more of the body has arrived. */
        @Override
        public void run() {
            read(true);
        }

        private void read(boolean fromDemand) {
            while (true) {
                Content.Chunk chunk = getRequest().read();
                if (chunk == null) {
                    getRequest().demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    refuse(HttpStatus.BAD_REQUEST_400, "the body could not be read");
                    return;
                }
                boolean last = chunk.isLast();
                synchronized (this) {
                    if (finished) {
                        chunk.release();
                        return;
                    }
                    append(chunk.getByteBuffer());
                    chunk.release();
                    if (size > limit) {
                        refuseLocked(HttpStatus.PAYLOAD_TOO_LARGE_413, null);
                        return;
                    }
                    if (last) {
                        finished = true;
                        timer.cancel();
                    }
                }
                if (last) {
                    Request loaded = new LoadedRequest(getRequest(), keep ? ByteBuffer.wrap(body, 0, size)
                            : ByteBuffer.allocate(0));
                    if (fromDemand) {
                        getRequest().getContext().execute(() -> handle(loaded, getResponse(), getCallback()));
                    } else {
                        handle(loaded, getResponse(), getCallback());
                    }
                    return;
                }
            }
        }

        private void append(ByteBuffer bytes) {
            int more = bytes.remaining();
            if (!keep) {
                size += more;
                return;
            }
            if (size + more > body.length) {
                long wanted = Math.max((long) size + more, Math.min(limit + 1, Math.max(4096L, 2L * body.length)));
                body = Arrays.copyOf(body, (int) Math.min(Integer.MAX_VALUE - 8, wanted));
            }
            int taken = Math.min(more, body.length - size);
            bytes.get(body, size, taken);
            size += taken + (more - taken);
        }

        /** Checks the rate every second until the body is in. */
        private void watch() {
            timer = getRequest().getComponents().getScheduler().schedule(() -> {
                synchronized (this) {
                    if (finished) {
                        return;
                    }
                    if (tooSlow()) {
                        refuseLocked(HttpStatus.REQUEST_TIMEOUT_408, null);
                        return;
                    }
                }
                watch();
            }, 1, TimeUnit.SECONDS);
        }

        private boolean tooSlow() {
            long elapsed = NanoTime.millisSince(started);
            return elapsed > GRACE_MS && size < MIN_DATA_RATE * (elapsed - GRACE_MS) / 1000;
        }

        private synchronized void refuse(int status, String message) {
            if (!finished) {
                refuseLocked(status, message);
            }
        }

        private void refuseLocked(int status, String message) {
            finished = true;
            if (timer != null) {
                timer.cancel();
            }
            body = null;
            Response.writeError(getRequest(), getResponse(), getCallback(), status, message);
        }
    }

    /** LoadedRequest is a request whose whole body is already in memory. */
    private static final class LoadedRequest extends Request.Wrapper {

        private ByteBuffer body;

        LoadedRequest(Request wrapped, ByteBuffer body) {
            super(wrapped);
            this.body = body;
        }

        @Override
        public Content.Chunk read() {
            ByteBuffer rest = body;
            body = null;
            return rest == null ? Content.Chunk.EOF : Content.Chunk.from(rest, true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }
    }
}
