package dev.governor.http;

import dev.governor.TestServer;
import dev.governor.auth.Role;
import dev.governor.core.Json;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers written straight to the response keep what Javalin's own answers had: a length, and gzip when asked. */
class AnswersTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void aSmallAnswerCarriesItsLength() throws Exception {
        HttpResponse<byte[]> answer = TestServer.client().send(server.request("/api/price-checks", Role.MARKETPLACE_LEAD)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"sku\":\"TEA-001\",\"channel\":\"amazon-us\",\"price\":21.99,\"effectiveFrom\":\"2026-12-01\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValueAsLong("Content-Length")).hasValue(answer.body().length);
        assertThat(Json.MAPPER.readTree(answer.body()).get("verdict").asText()).isEqualTo("APPROVED");
    }

    @Test
    void aLargeAnswerIsGzippedForAClientThatAsks() throws Exception {
        HttpResponse<byte[]> answer = TestServer.client().send(server.request("/api/catalog/products", Role.REVENUE_OPS)
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (var unzipped = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
            assertThat(Json.MAPPER.readTree(unzipped)).hasSize(40);
        }
    }
}
