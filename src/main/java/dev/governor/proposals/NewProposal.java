package dev.governor.proposals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.ruleset.Evaluation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** NewProposal is what a feature hands the proposals pipeline to record, with the keys it is searched by. */
public record NewProposal(ProposalKind kind, String channel, String engine, String sku, String category, List<String> skus,
                          LocalDate effectiveFrom, LocalDate start, LocalDate end, BigDecimal discountPercent,
                          JsonNode request, Evaluation evaluation) {
}
