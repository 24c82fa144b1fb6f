package dev.governor.proposals;

import dev.governor.audit.AuditTrail;
import dev.governor.core.Json;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The content hash binds approvals and the audit trail to what was stored, so its canonical form may never move. */
class StoredContentTest {

    /** The canonical form as every database so far was written: the whole row as one JSON array. */
    private static String canonicalHash(StoredContent c) throws Exception {
        return AuditTrail.sha256(Json.MAPPER.writeValueAsString(Arrays.asList(c.id(), c.kind(), c.channel(),
                c.engine(), c.sku(), c.category(), c.effectiveFrom(), c.startDate(), c.endDate(), c.discountPercent(),
                c.request(), c.evaluation(), c.rulesetVersion(), c.requestedBy(), c.createdAt(), c.routeId())));
    }

    @Test
    void aPriceProposalHashesAsTheWholeRowDid() throws Exception {
        StoredContent price = new StoredContent(41, "PRICE", "amazon-us", "MARKETPLACE", "TEA-001", null,
                "2026-12-01", null, null, null, "{\"sku\":\"TEA-001\",\"price\":21.99}",
                "{\"verdict\":\"APPROVED\",\"findings\":[{\"message\":\"undercuts \\\"dtc\\\" by 12%\"}]}",
                "c2739e799245", 7, "2026-12-02T00:00:00.000000Z", 3L, "APPROVED");
        assertThat(price.hash()).isEqualTo(canonicalHash(price));
    }

    @Test
    void aPromoWithoutARouteAndWithUnicodeHashesAsTheWholeRowDid() throws Exception {
        StoredContent promo = new StoredContent(9_000_000_001L, "PROMO", "dtc-webstore", "DTC", null, "tea",
                null, "2026-11-27", "2026-12-01", "25", "{\"note\":\"thé – 25 % \\u2028 off\"}", "{}",
                "abc", 1, "2026-11-20T10:00:00.000000Z", null, "PENDING_APPROVAL");
        assertThat(promo.hash()).isEqualTo(canonicalHash(promo));
    }

    @Test
    void theContentSerialisedBeforeTheTurnHashesAsTheStoredRowDoes() {
        StoredContent.WithoutIds before = StoredContent.WithoutIds.of("PRICE", "wholesale", "WHOLESALE", "COF-001",
                null, "2026-12-01", null, null, null, "{\"a\":1}", "{\"b\":[2]}", "v1", 12, "2026-12-02T01:02:03.000000Z");
        StoredContent stored = new StoredContent(5, "PRICE", "wholesale", "WHOLESALE", "COF-001", null, "2026-12-01",
                null, null, null, "{\"a\":1}", "{\"b\":[2]}", "v1", 12, "2026-12-02T01:02:03.000000Z", 2L, "REJECTED");
        assertThat(before.hash(5, 2L)).isEqualTo(stored.hash());
        assertThat(before.hash(6, 2L)).isNotEqualTo(stored.hash());
    }
}
