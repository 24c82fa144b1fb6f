package dev.governor.proposals;

import dev.governor.guardrail.ApprovalCase;

/** ProposalKind is what a proposal proposes — a price change or a promotion — and the decision type the RACI table routes it as. */
public enum ProposalKind {

    PRICE(ApprovalCase.PRICE_CHANGE),
    PROMO(ApprovalCase.PROMOTION);

    private final String decisionType;

    ProposalKind(String decisionType) {
        this.decisionType = decisionType;
    }

    /** The RACI table's decision type for proposals of this kind. */
    public String decisionType() {
        return decisionType;
    }
}
