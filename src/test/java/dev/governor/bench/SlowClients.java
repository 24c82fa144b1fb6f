package dev.governor.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SlowClients is the slow-connection load run: it keeps {@code connections} connections to
 * Governor on 127.0.0.1, each declaring a 100 kB body and sending one byte of it every 5 s with a
 * valid token, reopening any the server drops; meanwhile it asks {@code /health} and a price check
 * every 250 ms and reports their latencies — first without the slow clients (the baseline), then with
 * them. It lives in the benchmark harness, never in the product.
 *
 * <p>Usage: {@code SlowClients PORT TOKEN [connections] [seconds] [body|headers]}: {@code headers}
 * trickles the request's headers instead of its body, one byte every 5 s.
 */
public final class SlowClients {

    private static final String CHECK = "{\"sku\":\"TEA-001\",\"channel\":\"amazon-us\",\"price\":23.49,"
            + "\"effectiveFrom\":\"2099-01-01\"}";

    /** Answers other than 200 printed so far (the first few are shown, to say why a probe failed). */
    private static int unexpected;

    private SlowClients() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = args[1];
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        boolean headers = args.length > 4 && args[4].equals("headers");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Probes baseline = probe(client, port, token, Duration.ofSeconds(10));
        System.out.println("baseline (no slow clients, 10 s): " + baseline);

        List<Socket> slow = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Thread drip = new Thread(() -> {
            try {
                while (System.nanoTime() < until) {
                    while (slow.size() < connections) {
                        slow.add(open(port, token, headers));
                        opened.incrementAndGet();
                    }
                    Thread.sleep(5_000);
                    synchronized (slow) {
                        for (var it = slow.iterator(); it.hasNext(); ) {
                            Socket socket = it.next();
                            try {
                                socket.getOutputStream().write(headers ? 'x' : ' ');
                                socket.getOutputStream().flush();
                                if (answered(socket)) {
                                    throw new IOException("the server answered or closed the connection");
                                }
                            } catch (IOException e) {
                                dropped.incrementAndGet();
                                it.remove();
                                socket.close();
                            }
                        }
                    }
                }
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        }, "slow-clients");
        drip.start();
        Thread.sleep(2_000);
        Probes attacked = probe(client, port, token, Duration.ofSeconds(seconds - 4));
        drip.interrupt();
        drip.join();
        synchronized (slow) {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        System.out.println("with " + connections + (headers ? " slow-header" : " slow-body") + " connections ("
                + (seconds - 4) + " s): " + attacked);
        System.out.println("slow connections opened " + opened.get() + ", found closed by the server " + dropped.get());
    }

    /** Whether the server has answered (say, 408) or closed the connection; waits 1 ms at most. */
    private static boolean answered(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() != -2;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    private static Socket open(int port, String token, boolean headers) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        String start = "POST /api/price-checks HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
        out.write((headers ? start + "X-Slow: " : start + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Probes is what the probing saw: latencies of health and of price checks, and failures. */
    record Probes(List<Long> health, List<Long> checks, int failures) {
        @Override
        public String toString() {
            return "health " + summary(health) + "; price check " + summary(checks) + "; failed or over 5 s: " + failures;
        }

        private static String summary(List<Long> millis) {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return "none answered";
            }
            return sorted.size() + " answered, median " + sorted.get(sorted.size() / 2) + " ms, p99 "
                    + sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) + " ms, max "
                    + sorted.get(sorted.size() - 1) + " ms";
        }
    }

    private static Probes probe(HttpClient client, int port, String token, Duration length) throws InterruptedException {
        List<Long> health = new ArrayList<>();
        List<Long> checks = new ArrayList<>();
        int failures = 0;
        long until = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < until) {
            Long took = time(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).GET());
            if (took == null) {
                failures++;
            } else {
                health.add(took);
            }
            took = time(client, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/price-checks"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(CHECK)));
            if (took == null) {
                failures++;
            } else {
                checks.add(took);
            }
            Thread.sleep(250);
        }
        return new Probes(health, checks, failures);
    }

    /** Milliseconds until a 200 came back, or null when it did not within 5 s. */
    private static Long time(HttpClient client, HttpRequest.Builder request) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> answer = client.send(request.timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 && unexpected++ < 3) {
                System.out.println("answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer.statusCode() == 200 ? (System.nanoTime() - start) / 1_000_000 : null;
        } catch (IOException e) {
            return null;
        }
    }
}
