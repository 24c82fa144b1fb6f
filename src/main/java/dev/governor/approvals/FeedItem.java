package dev.governor.approvals;

/** FeedItem is an outcome the caller is told of: what happened to which proposal, by whom, and when. */
public record FeedItem(long seq, String at, String event, String actor, String role, String comment,
                       String rulesetVersion, long proposalId, String kind, String channel, String sku,
                       String category, String status) {
}
