package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wait for a turn, on a real Jetty server: with one check running and one waiting, the next is
 * answered 503 problem+json at once, and the waiting one is still answered when its turn comes.
 */
class CheckQueueTest {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Server server;
    private CheckQueue queue;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        Handler checks = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
                response.write(true, ByteBuffer.wrap(Request.getPathInContext(request).getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
        queue = new CheckQueue(checks, 1, 1, List.of("/api/price-checks"));
        server.setHandler(queue);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        server.stop();
    }

    @Test
    void pastTheWaitingLimitACheckIsAnswered503ProblemJsonAndTheWaitingOnesStillAnswered() throws Exception {
        CompletableFuture<HttpResponse<String>> running = send("/api/price-checks");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> waiting = send("/api/price-checks");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.getSuspendedRequestCount() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(queue.getSuspendedRequestCount()).isEqualTo(1);

        HttpResponse<String> refused = send("/api/price-checks").get(10, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        var problem = Json.MAPPER.readTree(refused.body());
        assertThat(problem.get("code").asText()).isEqualTo("overloaded");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").asText()).contains("1 checks are already waiting", "/api/price-checks/batch");

        release.countDown();
        assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(queue.getTotalExceededRequestCount()).isEqualTo(1);
    }

    @Test
    void proposalsAndBatchesNeverWait() throws Exception {
        CompletableFuture<HttpResponse<String>> running = send("/api/price-checks");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> proposal = send("/api/price-proposals");
        CompletableFuture<HttpResponse<String>> batch = send("/api/price-checks/batch");
        // both reach the (blocked) handler beside the running check instead of waiting for a turn
        release.countDown();
        assertThat(proposal.get(10, TimeUnit.SECONDS).body()).isEqualTo("/api/price-proposals");
        assertThat(batch.get(10, TimeUnit.SECONDS).body()).isEqualTo("/api/price-checks/batch");
        assertThat(running.get(10, TimeUnit.SECONDS).body()).isEqualTo("/api/price-checks");
        assertThat(queue.getTotalSuspendedRequestCount()).isZero();
    }

    private CompletableFuture<HttpResponse<String>> send(String path) {
        URI uri = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
        return client.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
