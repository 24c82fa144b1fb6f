package dev.governor.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.RulesetVariants;
import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import dev.governor.ruleset.Ruleset;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/** The approval lifecycle over real HTTP: queue, decisions, four-eyes, the race, the re-check, effects and history. */
class ApprovalApiTest {

    static final String TODAY = "2026-11-22";

    @RegisterExtension
    static final TestServer server = new TestServer()
            .withClock(MutableClock.of(Instant.parse(TODAY + "T15:00:00Z"), ZoneOffset.UTC));

    private final Proposing proposing = new Proposing(server);

    private static List<String> events(JsonNode history) {
        return StreamSupport.stream(history.get("events").spliterator(), false).map(e -> e.get("event").asText()).toList();
    }

    private static boolean listed(JsonNode page, long requestId) {
        return StreamSupport.stream(page.get("items").spliterator(), false).anyMatch(i -> i.get("id").asLong() == requestId);
    }

    @Test
    void gmApprovesAPriceChangeWhichBecomesCurrentAndFeedsParity() {
        var before = server.post("/api/price-checks", Role.MARKETPLACE_LEAD, """
                {"sku": "TEA-003", "channel": "amazon-us", "price": 21.99, "effectiveFrom": "%s"}""".formatted(TODAY)).json();
        assertThat(before.toString()).doesNotContain("PARITY_DTC_UNDERCUT");
        JsonNode proposal = proposing.pendingPrice("TEA-003", TODAY);
        long request = proposing.requestOf(proposal);

        assertThat(server.post("/api/approvals/" + request + "/comments", Role.FINANCE,
                "{\"comment\": \"margin stays above the floor\"}").status()).isEqualTo(201);
        JsonNode queue = server.get("/api/approvals", Role.GM).json();
        JsonNode item = StreamSupport.stream(queue.get("items").spliterator(), false)
                .filter(i -> i.get("id").asLong() == request).findFirst().orElseThrow();
        assertThat(item.get("status").asText()).isEqualTo("PENDING");
        assertThat(item.get("decisionType").asText()).isEqualTo("PRICE_CHANGE");
        assertThat(item.get("proposal").get("findings").get(0).get("code").asText()).isEqualTo("PRICE_CHANGE_TOO_LARGE");
        assertThat(item.get("waiting").get("seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(item.get("route").get("accountable").toString()).isEqualTo("[\"gm\"]");
        assertThat(item.get("route").get("source").get("workbook").asText()).isEqualTo(RulesetVariants.RACI);
        assertThat(item.get("actions").toString()).contains("approve", "reject");
        assertThat(item.get("comments").get(0).get("by").asText()).isEqualTo("test-finance");
        assertThat(item.get("comments").get(0).get("comment").asText()).isEqualTo("margin stays above the floor");
        JsonNode asRevenueOps = StreamSupport.stream(server.get("/api/approvals", Role.REVENUE_OPS).json().get("items")
                .spliterator(), false).filter(i -> i.get("id").asLong() == request).findFirst().orElseThrow();
        assertThat(asRevenueOps.get("actions")).as("revenue ops reads every request, acts on none").isEmpty();
        assertThat(listed(server.get("/api/approvals", Role.FINANCE).json(), request)).as("finance is consulted").isTrue();
        assertThat(listed(server.get("/api/approvals", Role.OPERATIONS).json(), request)).as("operations is informed only").isFalse();

        var approved = server.post("/api/approvals/" + request + "/approve", Role.GM,
                "{\"comment\": \"ok for the holiday range\", \"contentHash\": \"" + item.get("contentHash").asText() + "\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().get("signOffs").get("given").get(0).get("comment").asText()).isEqualTo("ok for the holiday range");
        assertThat(server.get("/api/price-proposals/" + proposal.get("id").asLong(), Role.REVENUE_OPS).json()
                .get("status").asText()).isEqualTo("APPROVED");
        assertThat(proposing.currentPrice("TEA-003", "dtc-webstore")).isEqualByComparingTo("25.19");

        var after = server.post("/api/price-checks", Role.MARKETPLACE_LEAD, """
                {"sku": "TEA-003", "channel": "amazon-us", "price": 21.99, "effectiveFrom": "%s"}""".formatted(TODAY)).json();
        assertThat(after.toString()).contains("PARITY_DTC_UNDERCUT", "25.19");

        JsonNode history = proposing.history(proposal);
        assertThat(events(history)).containsExactly("submitted", "evaluated", "commented", "evaluated", "approved");
        JsonNode approval = history.get("events").get(4);
        assertThat(approval.get("actor").asText()).isEqualTo("test-gm");
        assertThat(approval.get("role").asText()).isEqualTo("gm");
        assertThat(approval.get("comment").asText()).isEqualTo("ok for the holiday range");
        assertThat(approval.get("rulesetVersion").asText()).isEqualTo(ShippedRuleset.get().hash());
        assertThat(approval.get("prevHash").asText()).isEqualTo(history.get("events").get(3).get("hash").asText());

        JsonNode feed = server.get("/api/feed", Role.OPERATIONS).json();
        assertThat(feed.get("items").toString()).contains("\"subjectType\":\"PROPOSAL\",\"subjectId\":" + proposal.get("id").asLong(), "approved");
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void rejectionNeedsAReasonAndARejectedPromoNeverCountsInStacking() {
        JsonNode proposal = proposing.pendingPromo("COF-005", "2026-12-05", "2026-12-10");
        long request = proposing.requestOf(proposal);
        var noReason = server.post("/api/approvals/" + request + "/reject", Role.GM, "{}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
        var rejected = server.post("/api/approvals/" + request + "/reject", Role.GM, "{\"reason\": \"no promos in early December\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        var again = server.post("/api/approvals/" + request + "/approve", Role.GM, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("already_decided");
        var overlapping = server.post("/api/promo-checks", Role.MARKETPLACE_LEAD,
                Proposing.offCalendarPromo("COF-005", "2026-12-08", "2026-12-12")).json();
        assertThat(overlapping.toString()).doesNotContain("PROMO_STACKING");
        assertThat(events(proposing.history(proposal))).containsExactly("submitted", "evaluated", "rejected");
    }

    @Test
    void anApprovedPromoCountsInStackingAndAWithdrawnOneDoesNot() {
        JsonNode withdrawn = proposing.pendingPromo("COF-007", "2026-12-05", "2026-12-10");
        var withdraw = server.post("/api/approvals/" + proposing.requestOf(withdrawn) + "/withdraw", Role.MARKETPLACE_LEAD, "");
        assertThat(withdraw.status()).as(withdraw.body()).isEqualTo(200);
        assertThat(withdraw.json().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(server.post("/api/promo-checks", Role.MARKETPLACE_LEAD,
                Proposing.offCalendarPromo("COF-007", "2026-12-08", "2026-12-12")).body()).doesNotContain("PROMO_STACKING");

        JsonNode approved = proposing.pendingPromo("COF-008", "2026-12-05", "2026-12-10");
        assertThat(server.post("/api/approvals/" + proposing.requestOf(approved) + "/approve", Role.GM, "").status())
                .isEqualTo(200);
        var stacked = server.post("/api/promo-checks", Role.MARKETPLACE_LEAD,
                Proposing.offCalendarPromo("COF-008", "2026-12-08", "2026-12-12")).json();
        assertThat(stacked.get("verdict").asText()).isEqualTo("REJECTED");
        assertThat(stacked.toString()).contains("PROMO_STACKING", "#" + approved.get("id").asLong());
    }

    @Test
    void nobodyApprovesTheirOwnProposalEvenHoldingTheAccountableRole() {
        String leadAndGm = server.user("lead-and-gm", Role.DTC_LEAD, Role.GM);
        JsonNode proposal = proposing.pendingPrice(leadAndGm, "TEA-004", "2026-12-01");
        long request = proposing.requestOf(proposal);
        var own = server.postAs(leadAndGm, "/api/approvals/" + request + "/approve", "{}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("code").asText()).isEqualTo("self_approval");
        var ownReject = server.postAs(leadAndGm, "/api/approvals/" + request + "/reject", "{\"reason\": \"mine\"}");
        assertThat(ownReject.status()).isEqualTo(403);
        assertThat(server.post("/api/approvals/" + request + "/approve", Role.GM, "{}").status()).isEqualTo(200);
    }

    @Test
    void approvingBindsToTheExactContent() {
        JsonNode proposal = proposing.pendingPrice("TEA-005", "2026-12-01");
        var wrong = server.post("/api/approvals/" + proposing.requestOf(proposal) + "/approve", Role.GM,
                "{\"contentHash\": \"" + "ab".repeat(32) + "\"}");
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.json().get("code").asText()).isEqualTo("content_mismatch");
    }

    @Test
    void everyRoleAgainstEveryActionGetsTheExpectedAnswer() {
        long forApprove = proposing.requestOf(proposing.pendingPrice("TEA-006", "2026-12-01"));
        long forReject = proposing.requestOf(proposing.pendingPrice("TEA-007", "2026-12-01"));
        long forWithdraw = proposing.requestOf(proposing.pendingPrice("TEA-008", "2026-12-01"));
        List<String> failures = new ArrayList<>();
        for (Role role : Role.values()) {
            expect(failures, role, "list", server.get("/api/approvals", role).status(), role == Role.ADMIN ? 403 : 200);
            int comment = server.post("/api/approvals/" + forApprove + "/comments", role, "{\"comment\": \"a view\"}").status();
            expect(failures, role, "comment", comment,
                    List.of(Role.GM, Role.FINANCE, Role.DTC_LEAD).contains(role) ? 201 : 403);
        }
        // the role that may act goes last: its success decides the request
        for (Role role : orderedLast(Role.GM)) {
            expect(failures, role, "approve", server.post("/api/approvals/" + forApprove + "/approve", role, "{}").status(),
                    role == Role.GM ? 200 : 403);
            expect(failures, role, "reject", server.post("/api/approvals/" + forReject + "/reject", role,
                    "{\"reason\": \"no\"}").status(), role == Role.GM ? 200 : 403);
        }
        for (Role role : orderedLast(Role.DTC_LEAD)) {
            expect(failures, role, "withdraw", server.post("/api/approvals/" + forWithdraw + "/withdraw", role, "").status(),
                    role == Role.DTC_LEAD ? 200 : 403);
        }
        assertThat(failures).isEmpty();
    }

    private static List<Role> orderedLast(Role last) {
        List<Role> roles = new ArrayList<>(List.of(Role.values()));
        roles.remove(last);
        roles.add(last);
        return roles;
    }

    private static void expect(List<String> failures, Role role, String action, int actual, int expected) {
        if (actual != expected) {
            failures.add(role.id() + " " + action + ": " + actual + " instead of " + expected);
        }
    }

    @Test
    void twoApproversRacingOnOneRequestChangeItOnceAndTheOtherGets409() throws Exception {
        String secondGm = server.user("second-gm", Role.GM);
        String[] skus = {"COC-001", "COC-002", "COC-003", "COC-004", "COC-005", "COC-006"};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String sku : skus) {
                JsonNode proposal = proposing.pendingPrice(sku, "2026-12-01");
                long request = proposing.requestOf(proposal);
                CyclicBarrier start = new CyclicBarrier(2);
                var first = CompletableFuture.supplyAsync(() -> race(start, server.token(Role.GM), request), pool);
                var second = CompletableFuture.supplyAsync(() -> race(start, secondGm, request), pool);
                List<Integer> statuses = new ArrayList<>(List.of(first.get(), second.get()));
                statuses.sort(Integer::compare);
                assertThat(statuses).as(sku).containsExactly(200, 409);
                assertThat(events(proposing.history(proposal)).stream().filter("approved"::equals)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.get("/api/audit/verify", Role.GM).json().get("ok").asBoolean()).isTrue();
    }

    private static int race(CyclicBarrier start, String token, long request) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return server.postAs(token, "/api/approvals/" + request + "/approve", "{}").status();
    }

    @Test
    void anApprovalIsRefusedWhenTheGuardrailsInForceNowBlockTheProposal() {
        JsonNode proposal = proposing.pendingPrice("TEA-009", "2026-12-01");
        long request = proposing.requestOf(proposal);
        double proposed = proposal.get("request").get("price").asDouble();
        // finance raises the MAP of tea above the proposed price (MapByCategory, first row: tea)
        Ruleset stricter = RulesetVariants.withEdited("decision-tables/pricing/map.drl.xlsx",
                sheet -> sheet.getRow(22).getCell(1).setCellValue(proposed + 5));
        Ruleset shipped = server.governor().rulesets().activate(stricter);
        try {
            var refused = server.post("/api/approvals/" + request + "/approve", Role.GM, "{}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("blocked_on_recheck");
            assertThat(refused.json().get("details").get("findings").toString()).contains("MAP_VIOLATION");
            assertThat(refused.json().get("details").get("rulesetVersion").asText()).isEqualTo(stricter.hash());
            assertThat(refused.json().get("details").get("submittedRulesetVersion").asText()).isEqualTo(shipped.hash());
        } finally {
            server.governor().rulesets().activate(shipped);
            stricter.close();
        }
        JsonNode history = proposing.history(proposal);
        assertThat(events(history)).containsExactly("submitted", "evaluated", "evaluated");
        assertThat(history.get("events").get(1).get("rulesetVersion").asText()).isEqualTo(shipped.hash());
        assertThat(history.get("events").get(2).get("rulesetVersion").asText()).isEqualTo(stricter.hash());
        assertThat(history.get("events").get(2).get("detail").get("verdict").asText()).isEqualTo("REJECTED");
        assertThat(server.get("/api/approvals/" + request, Role.GM).json().get("status").asText()).isEqualTo("PENDING");
        assertThat(server.post("/api/approvals/" + request + "/approve", Role.GM, "{}").status()).isEqualTo(200);
    }

    @Test
    void unknownRequestsAndBadFiltersAreProblems() {
        var missing = server.post("/api/approvals/999999/approve", Role.GM, "{}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("code").asText()).isEqualTo("approval_not_found");
        var badFilter = server.get("/api/approvals?status=MAYBE&decisionType=LUNCH", Role.GM);
        assertThat(badFilter.status()).isEqualTo(422);
        assertThat(badFilter.json().get("errors")).hasSize(2);
        assertThat(server.get("/api/proposals/999999/history", Role.GM).status()).isEqualTo(404);
        assertThat(server.post("/api/approvals/1/comments", Role.FINANCE, "{}").status()).isIn(404, 422);
    }
}
