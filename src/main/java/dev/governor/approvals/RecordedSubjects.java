package dev.governor.approvals;

import dev.governor.audit.AuditTrail;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * RecordedSubjects holds what audit verification checks of every recorded subject (an allocation, a
 * budget shift): it was submitted through Governor, its request still hashes to what the submission
 * recorded, and its status is the one its last event set.
 */
public final class RecordedSubjects {

    /** Subjects are read this many at a time. */
    private static final int PAGE = 200;

    private RecordedSubjects() {
    }

    /**
     * Pages through recorded subjects in id order ({@code after} answers the next page after an id) and
     * answers the first disagreement {@code check} finds, or null when every subject agrees.
     */
    public static <T> String firstDisagreement(LongFunction<List<T>> after, ToLongFunction<T> id,
                                               Function<T, String> check) {
        long last = 0;
        while (true) {
            List<T> batch = after.apply(last);
            for (T recorded : batch) {
                last = id.applyAsLong(recorded);
                String disagreement = check.apply(recorded);
                if (disagreement != null) {
                    return disagreement;
                }
            }
            if (batch.size() < PAGE) {
                return null;
            }
        }
    }

    public static int page() {
        return PAGE;
    }

    /** Why a subject's request disagrees with its submitted event, or null when it agrees. */
    public static String requestDisagreement(String subject, String request, String contentHash, String submittedHash) {
        if (submittedHash == null) {
            return subject + " has no submitted event: it was not recorded by Governor";
        }
        if (!AuditTrail.sha256(request).equals(submittedHash) || !contentHash.equals(submittedHash)) {
            return subject + " no longer matches the request recorded when it was submitted: it was edited";
        }
        return null;
    }

    /** Why a subject's status disagrees with its last event's, or null when it agrees. */
    public static String statusDisagreement(String subject, String status, String lastStatus) {
        return status.equals(lastStatus) ? null : subject + " says " + status + " but its audit trail says " + lastStatus;
    }
}
