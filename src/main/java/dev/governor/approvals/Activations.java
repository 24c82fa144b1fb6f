package dev.governor.approvals;

import dev.governor.auth.User;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Activations is what the approval path needs of ruleset versions when a request is to activate
 * one: the re-check at approval (its example cases, run again), and what happens once approved.
 */
public interface Activations {

    /** Why activating the version would undo a change made since it was built (null when it would not). */
    String staleBase(long versionId);

    /** The example cases of the version that fail now (empty when it may be activated). */
    List<String> failingExamples(long versionId);

    /** Inside the approving write: the version is approved to become active at {@code at}. */
    void approved(Handle handle, long versionId, Instant at, User by);

    /**
     * What the version changes in rule code — each DRL file's unified diff and each engine cell — for
     * the approver to read before approving; null when the version changes data only.
     */
    Object codeChanges(long versionId);

    /** After the approving write committed: activates the version now if {@code at} has come, else arms it. */
    void afterApproval(long versionId, Instant at, User by);
}
