package dev.governor.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.ApprovalSubject;
import dev.governor.proposals.Proposal;
import dev.governor.reference.CatalogService;
import dev.governor.reference.ScheduledPrice;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.jdbi.v3.core.Handle;

import static dev.governor.audit.NewEvent.detail;

/**
 * ApprovedPrices carries out an approved price proposal: inside the approving write the price
 * becomes current from its effective date (at once when that date has come, else it waits for the
 * sweep), and once the write has committed the catalog snapshot learns it.
 */
final class ApprovedPrices {

    private final CatalogService catalogs;

    ApprovedPrices(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    /** Inside the approving write: the price of {@code proposal}, approved at {@code at}, takes effect. */
    ApprovalSubject.Approval approve(Handle handle, Proposal proposal, Instant at) {
        JsonNode request = proposal.request();
        ScheduledPrice price = new ScheduledPrice(proposal.id(), request.get("sku").asText(),
                request.get("channel").asText(), request.get("price").decimalValue(),
                LocalDate.parse(request.get("effectiveFrom").asText()), at);
        boolean current = catalogs.approvePrice(handle, price, at);
        return new ApprovalSubject.Approval(when(price, at, catalogs.current().zoneOf(price.channel())),
                () -> catalogs.priceApproved(price, current));
    }

    /**
     * What the approval event says about when the price takes effect: on its date, or — when that date
     * had already passed in the channel's time zone — at the approval itself.
     */
    private static Map<String, Object> when(ScheduledPrice price, Instant at, ZoneId zone) {
        LocalDate effective = price.effectiveFrom();
        if (effective.isBefore(LocalDate.ofInstant(at, zone))) {
            return detail("takesEffect", at.toString(), "note", "its effective date " + effective
                    + " had passed when it was approved, so the price takes effect at approval");
        }
        return detail("takesEffect", effective.toString());
    }
}
