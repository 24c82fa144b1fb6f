package dev.governor.approvals;

/**
 * FeedItem is an outcome the caller is told of: what happened (approved, rejected, withdrawn, expired,
 * activated) to which subject — a proposal (with its kind, channel, SKU or category) or a ruleset
 * version — by whom, when, and the status it left.
 */
public record FeedItem(long seq, String at, String event, String actor, String role, String comment,
                       String rulesetVersion, String subjectType, long subjectId, String kind, String channel,
                       String sku, String category, String status) {
}
