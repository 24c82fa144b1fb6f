package dev.governor.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import dev.governor.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches the door is bounded before it is used: numbers by range and scale (no exponent is
 * ever expanded), JSON by depth, bodies by size however they arrive and by the rate they move, text
 * by length; and whatever Jetty refuses itself is answered as problem+json with a request id.
 */
class DoorApiTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @ParameterizedTest(name = "price {0}")
    @ValueSource(strings = {"1e1000", "1e10000000", "-1e999999999", "1e-999999999", "\"1e100000000\"",
            "1000000000.01", "0.001", "\"12345678901234567890123456789012345678901\""})
    void aPriceOutOfRangeIsRefusedAtItsFieldWithoutExpandingIt(String price) {
        var answer = server.post("/api/price-proposals", Role.DTC_LEAD, "{\"sku\": \"TEA-001\", \"channel\": "
                + "\"dtc-webstore\", \"price\": " + price + ", \"effectiveFrom\": \"2099-01-04\"}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().length()).isLessThan(1_000);
        assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("price");
        assertThat(server.count("select count(*) from proposals")).isZero();
    }

    @Test
    void everyNumericFieldRefusesAnExponent() {
        String huge = "1e100000000";
        List<String[]> cases = List.of(
                new String[] {"/api/price-checks", "{\"sku\": \"TEA-001\", \"channel\": \"amazon-us\", \"price\": 20,"
                        + " \"adCostPerUnit\": " + huge + ", \"effectiveFrom\": \"2099-01-04\"}", "adCostPerUnit"},
                new String[] {"/api/promo-checks", "{\"channel\": \"dtc-webstore\", \"skus\": [\"TEA-001\"], "
                        + "\"discountPercent\": " + huge + ", \"start\": \"2099-01-04\", \"end\": \"2099-01-05\", "
                        + "\"type\": \"coupon\"}", "discountPercent"},
                new String[] {"/api/budget-shifts", "{\"week\": \"2099-W02\", \"fromLine\": \"meta-prospecting\", "
                        + "\"toLine\": \"google-shopping\", \"amount\": " + huge + ", \"marginalRoas\": 3}", "amount"},
                new String[] {"/api/budget-shifts", "{\"week\": \"2099-W02\", \"fromLine\": \"meta-prospecting\", "
                        + "\"toLine\": \"google-shopping\", \"amount\": 100, \"marginalRoas\": -" + huge + "}",
                        "marginalRoas"},
                new String[] {"/api/allocations", "{\"sku\": \"TEA-001\", \"available\": " + huge + ", "
                        + "\"horizonWeeks\": 4, \"channels\": [{\"channel\": \"amazon-us\", \"weeklyForecast\": 10}]}",
                        "available"},
                new String[] {"/api/allocations", "{\"sku\": \"TEA-001\", \"available\": 10, \"horizonWeeks\": 4, "
                        + "\"channels\": [{\"channel\": \"amazon-us\", \"weeklyForecast\": " + huge + "}]}",
                        "channels[0].weeklyForecast"});
        for (String[] item : cases) {
            Role role = item[0].contains("allocation") ? Role.OPERATIONS
                    : item[0].contains("budget") ? Role.DTC_LEAD : Role.MARKETPLACE_LEAD;
            var answer = server.post(item[0], role, item[1]);
            assertThat(answer.status()).as(item[1]).isEqualTo(422);
            assertThat(answer.body().length()).as(item[1]).isLessThan(1_000);
            assertThat(answer.json().findValuesAsText("field")).as(item[1]).contains(item[2]);
        }
    }

    @Test
    void aDateOutsideTheDocumentedYearsIsRefusedAtItsField() {
        for (String date : List.of("+999999999-01-01", "1999-12-31", "2101-01-01")) {
            var answer = server.post("/api/promo-checks", Role.DTC_LEAD, "{\"channel\": \"dtc-webstore\", \"skus\": "
                    + "[\"TEA-001\"], \"discountPercent\": 10, \"start\": \"" + date + "\", \"end\": \"2099-01-05\", "
                    + "\"type\": \"coupon\"}");
            assertThat(answer.status()).as(date).isEqualTo(422);
            assertThat(answer.json().findValuesAsText("field")).as(date).contains("start");
        }
    }

    @Test
    void aDiscountThatLeavesNoPriceIsRefusedAtItsField() {
        // 99.99 % off TEA-002's 24.99 rounds to 0.00: the margin would divide by a price of nothing
        var answer = server.post("/api/promo-checks", Role.DTC_LEAD, "{\"channel\": \"dtc-webstore\", \"skus\": "
                + "[\"TEA-002\"], \"discountPercent\": 99.99, \"start\": \"2099-01-04\", \"end\": \"2099-01-05\", "
                + "\"type\": \"coupon\"}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("discountPercent");
        assertThat(answer.json().at("/errors/0/code").asText()).isEqualTo("no_price_left");
    }

    @Test
    void jsonNestedTooDeepIs400NotA500() {
        String deep = "[".repeat(1001) + "]".repeat(1001);
        var answer = server.post("/api/price-checks", Role.DTC_LEAD, deep);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("code").asText()).isEqualTo("json_too_complex");
    }

    @Test
    void freeTextIsAtMost2000Characters() {
        String note = "n".repeat(2001);
        var shift = server.post("/api/budget-shifts", Role.DTC_LEAD, "{\"week\": \"2099-W02\", \"fromLine\": "
                + "\"meta-prospecting\", \"toLine\": \"google-shopping\", \"amount\": 100, \"marginalRoas\": 3, "
                + "\"note\": \"" + note + "\"}");
        assertThat(shift.status()).isEqualTo(422);
        assertThat(shift.json().at("/errors/0/code").asText()).isEqualTo("too_long");
        var allocation = server.post("/api/allocations", Role.OPERATIONS, "{\"sku\": \"TEA-001\", \"available\": 10, "
                + "\"horizonWeeks\": 4, \"channels\": [{\"channel\": \"amazon-us\", \"weeklyForecast\": 10}], "
                + "\"note\": \"" + note + "\"}");
        assertThat(allocation.status()).isEqualTo(422);
        assertThat(allocation.json().at("/errors/0/field").asText()).isEqualTo("note");
        assertThat(server.count("select count(*) from budget_shifts")).isZero();
        assertThat(server.count("select count(*) from allocations")).isZero();
    }

    @Test
    void noErrorAnswerEchoesUnboundedInput() {
        String sku = "S".repeat(100_000);
        var answer = server.post("/api/price-checks", Role.DTC_LEAD, "{\"sku\": \"" + sku + "\", \"channel\": \""
                + sku + "\", \"price\": 20, \"effectiveFrom\": \"2099-01-04\"}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().length()).isLessThan(2_000);
        var override = server.post("/api/allocations", Role.OPERATIONS, "{\"sku\": \"TEA-001\", \"available\": 10, "
                + "\"horizonWeeks\": 4, \"channels\": [{\"channel\": \"amazon-us\", \"weeklyForecast\": 10}], "
                + "\"override\": {\"" + sku.substring(0, 40_000) + "\": 1}}");
        assertThat(override.status()).isEqualTo(422);
        assertThat(override.body().length()).isLessThan(2_000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/x%00y", "/api/%C0%AF", "/api/a\\b", "/api/%zz"})
    void aUriJettyRefusesIsAnsweredAsProblemJson(String path) {
        String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertProblem(answer, 400);
    }

    @Test
    void aUriOver8KbIs414AndHeadersOver8KbAre431() {
        assertProblem(raw("GET /api/" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                414);
        assertProblem(raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9_000)
                + "\r\nConnection: close\r\n\r\n"), 431);
    }

    @Test
    void everyAnswerCarriesARequestIdTheCallersOwnWhenItIsShort() {
        var mine = server.send(server.request("/api/price-proposals", Role.REVENUE_OPS)
                .header("X-Request-Id", "trace-42").GET().build());
        var answer = server.send(server.request("/api/price-proposals", Role.REVENUE_OPS).GET().build());
        assertThat(mine.status()).isEqualTo(200);
        String withId = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: trace-42\r\nConnection: close\r\n\r\n");
        assertThat(withId).contains("X-Request-Id: trace-42");
        String crafted = raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: <script>\r\nConnection: close\r\n\r\n");
        assertThat(crafted).containsPattern("X-Request-Id: [0-9a-f-]{36}");
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyPastTheLimitIs413() {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        var request = server.request("/api/price-checks", Role.DTC_LEAD).header("Content-Type", "application/json")
                // a publisher of unknown length is sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    private long left = 3L << 20;

                    @Override
                    public int read() {
                        return left-- > 0 ? ' ' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, Math.min(left, chunk.length));
                        System.arraycopy(chunk, 0, b, off, n);
                        left -= n;
                        return n;
                    }
                })).build();
        var answer = sendQuietly(request);
        if (answer != null) {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(server.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void aChunkedMultipartPastTheLimitIs413() {
        String head = "--b\r\nContent-Disposition: form-data; name=\"decision-tables/pricing/map.drl.xlsx\"; "
                + "filename=\"map.drl.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String answer = rawChunked("/api/rulesets", server.token(Role.FINANCE), "multipart/form-data; boundary=b",
                head.getBytes(StandardCharsets.US_ASCII), 70L << 20);
        assertProblem(answer, 413);
        assertThat(server.count("select count(*) from ruleset_versions")).isEqualTo(1);
    }

    @Test
    void aMultipartPartWithoutANameIsRefusedNotA500() {
        String body = "--b\r\nContent-Disposition: form-data; filename=\"map.drl.xlsx\"\r\n\r\nxx\r\n--b--\r\n";
        var answer = server.post("/api/rulesets", Role.FINANCE, body, "multipart/form-data; boundary=b");
        assertThat(answer.status()).isBetween(400, 422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        var garbage = server.post("/api/rulesets", Role.FINANCE, "not multipart at all", "multipart/form-data; boundary=b");
        assertThat(garbage.status()).isBetween(400, 422);
        assertThat(garbage.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBodyThatStallsIsDroppedWith408() throws IOException {
        try (Socket socket = new Socket("localhost", server.governor().port())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/price-checks HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + server.token(Role.DTC_LEAD) + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertProblem(answer, 408);
        }
    }

    @Test
    void headersThatTrickleInAreCutOffAfterTheirDeadline() throws Exception {
        try (Socket socket = new Socket("localhost", server.governor().port())) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            boolean closed = false;
            // a header byte every second: never idle long enough for the idle timeout
            while (!closed && System.nanoTime() - started < 25_000_000_000L) {
                try {
                    out.write('X');
                    out.flush();
                    closed = socket.getInputStream().read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    assertThat(server.get("/health", null).status()).isEqualTo(200);
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("the server closed the trickling connection").isTrue();
            // not before the deadline: it was the deadline that closed it, not something else
            assertThat((System.nanoTime() - started) / 1_000_000_000).isGreaterThanOrEqualTo(9L);
        }
    }

    @Test
    void aBodyWithoutAValidTokenIsReadAndDroppedAndRefusedWith401OnAConnectionThatStaysUsable() {
        var answer = server.send(server.request("/api/price-checks", null).header("Authorization", "Bearer nope")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("code").asText()).isEqualTo("invalid_token");
    }

    private static void assertProblem(String rawAnswer, int status) {
        assertThat(rawAnswer).startsWith("HTTP/1.1 " + status);
        assertThat(rawAnswer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(rawAnswer).containsIgnoringCase("X-Request-Id: ");
        JsonNode problem = body(rawAnswer);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).matches("[a-z_]+");
    }

    private static JsonNode body(String rawAnswer) {
        String text = rawAnswer.substring(rawAnswer.indexOf("\r\n\r\n") + 4);
        try {
            return Json.MAPPER.readTree(text.substring(text.indexOf('{')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String raw(String request) {
        try (Socket socket = new Socket("localhost", server.governor().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a chunked body of {@code head} then {@code length} spaces, and answers what came back. */
    private static String rawChunked(String path, String token, String contentType, byte[] head, long length) {
        try (Socket socket = new Socket("localhost", server.governor().port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            writeChunk(out, head);
            byte[] spaces = new byte[256 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            try {
                for (long sent = 0; sent < length; sent += spaces.length) {
                    writeChunk(out, spaces);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedMidway) {
                // the server answered and closed before the whole body was sent: read what it said
            }
            return new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeChunk(OutputStream out, byte[] bytes) throws IOException {
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the server closed after answering; what arrived is the answer
        }
        return all.toByteArray();
    }

    /** The answer, or null when the server closed the connection before the client could read one. */
    private static TestServer.Answer sendQuietly(HttpRequest request) {
        try {
            return server.send(request);
        } catch (UncheckedIOException closed) {
            return null;
        }
    }
}
