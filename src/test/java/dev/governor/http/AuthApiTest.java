package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every endpoint but health needs a valid token, and every action checks the caller's role. */
class AuthApiTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    static final String DTC_PRICE = """
            {"sku": "TEA-002", "channel": "dtc-webstore", "price": 23.99, "effectiveFrom": "2026-12-01"}""";
    static final String MARKETPLACE_PRICE = """
            {"sku": "TEA-002", "channel": "amazon-us", "price": 22.99, "effectiveFrom": "2026-12-01"}""";
    static final String DTC_PROMO = """
            {"channel": "dtc-webstore", "skus": ["TEA-002"], "discountPercent": 10,
             "start": "2026-11-27", "end": "2026-11-30", "type": "coupon"}""";

    @Test
    void missingTokenIs401Problem() {
        var answer = server.post("/api/price-checks", null, DTC_PRICE);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("code").asText()).isEqualTo("unauthenticated");
    }

    @Test
    void unknownTokenIs401() {
        var answer = server.send(server.request("/api/price-proposals", null)
                .header("Authorization", "Bearer gov_not-a-real-token").GET().build());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("code").asText()).isEqualTo("invalid_token");
    }

    @Test
    void unknownEndpointNeedsATokenToo() {
        assertThat(server.get("/api/nothing-here", null).status()).isEqualTo(401);
        var answer = server.get("/api/nothing-here", Role.GM);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("code").asText()).isEqualTo("not_found");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyTheDtcLeadProposesDtcPrices(Role role) {
        expect(server.post("/api/price-proposals", role, DTC_PRICE).status(), role, EnumSet.of(Role.DTC_LEAD), 201);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyTheMarketplaceLeadProposesMarketplacePrices(Role role) {
        expect(server.post("/api/price-proposals", role, MARKETPLACE_PRICE).status(), role,
                EnumSet.of(Role.MARKETPLACE_LEAD), 201);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void theEngineLeadGmFinanceAndRevenueOpsMayCheck(Role role) {
        expect(server.post("/api/price-checks", role, DTC_PRICE).status(), role,
                EnumSet.of(Role.DTC_LEAD, Role.GM, Role.FINANCE, Role.REVENUE_OPS), 200);
        expect(server.post("/api/promo-checks", role, DTC_PROMO).status(), role,
                EnumSet.of(Role.DTC_LEAD, Role.GM, Role.FINANCE, Role.REVENUE_OPS), 200);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyTheDtcLeadProposesDtcPromos(Role role) {
        expect(server.post("/api/promo-proposals", role, DTC_PROMO).status(), role, EnumSet.of(Role.DTC_LEAD), 201);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyBusinessRoleReadsProposalsButTheAdminDoesNot(Role role) {
        expect(server.get("/api/price-proposals", role).status(), role, EnumSet.complementOf(EnumSet.of(Role.ADMIN)), 200);
        expect(server.get("/api/promo-proposals", role).status(), role, EnumSet.complementOf(EnumSet.of(Role.ADMIN)), 200);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyFinanceReplacesCurrentPrices(Role role) {
        String csv = java.nio.file.Files.exists(java.nio.file.Path.of("samples/reference/prices.csv"))
                ? readPrices() : "";
        var answer = server.send(server.request("/api/catalog/prices", role).header("Content-Type", "text/csv")
                .method("PUT", HttpRequest.BodyPublishers.ofString(csv)).build());
        expect(answer.status(), role, EnumSet.of(Role.FINANCE), 200);
    }

    @Test
    void forbiddenIsAProblemNamingTheRoleNeeded() {
        var answer = server.post("/api/price-proposals", Role.MARKETPLACE_LEAD, DTC_PRICE);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("code").asText()).isEqualTo("forbidden_role");
        assertThat(answer.json().get("detail").asText()).contains("dtc_lead");
    }

    @Test
    void tokensAreStoredOnlyAsHashes() throws Exception {
        String token = server.token(Role.GM);
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + server.folder().resolve("governor.db"));
             var statement = connection.createStatement();
             var rows = statement.executeQuery("select token_hash from api_tokens")) {
            while (rows.next()) {
                assertThat(rows.getString(1)).hasSize(64).doesNotContain(token);
            }
        }
    }

    private static String readPrices() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("samples/reference/prices.csv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void expect(int status, Role role, Set<Role> allowed, int success) {
        assertThat(status).as("%s", role).isEqualTo(allowed.contains(role) ? success : 403);
    }
}
