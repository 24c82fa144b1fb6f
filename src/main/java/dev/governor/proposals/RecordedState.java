package dev.governor.proposals;

/** RecordedState is what the audit trail says about a proposal: its submitted content hash and the last status set. */
record RecordedState(long id, Long submittedSeq, String contentHash, String status, String requestStatus) {
}
