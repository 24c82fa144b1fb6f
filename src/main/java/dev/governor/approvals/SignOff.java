package dev.governor.approvals;

import java.time.Instant;

/** SignOff is one Accountable person's approval of a request, with the verdict the re-check gave at that moment. */
public record SignOff(String user, String role, Instant at, String comment, String verdict, String rulesetVersion) {
}
