package dev.governor.versions;

import dev.governor.decisionlog.ProposalLog;
import dev.governor.guardrail.Finding;
import dev.governor.http.ApiProblem;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Ruleset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Impact replays recorded proposals against a version and the version in force, with today's
 * catalog and no recorded promo history on either side, so what differs is what the rules change:
 * verdicts that would move, findings that would appear or disappear.
 */
public final class Impact {

    /** Report is the replay's answer: how many were replayed and changed, and the list of changes. */
    public record Report(long version, long against, int replayed, int verdictChanged, int findingsChanged,
                         int skipped, String summary, List<Item> items) {
    }

    /** Item is one proposal whose answer would change. */
    public record Item(long proposalId, String kind, String recordedVerdict, String verdictNow, String verdictWithVersion,
                       List<String> findingsAdded, List<String> findingsRemoved) {
    }

    private Impact() {
    }

    static Report replay(ExampleCases checks, long versionId, Ruleset version, long againstId, Ruleset against,
                         List<ProposalLog.Replayable> proposals) {
        List<Item> items = new ArrayList<>();
        int verdictChanged = 0;
        int findingsChanged = 0;
        int skipped = 0;
        for (ProposalLog.Replayable proposal : proposals) {
            Evaluation now;
            Evaluation next;
            try {
                now = checks.check(proposal.kind(), against, proposal.request());
                next = checks.check(proposal.kind(), version, proposal.request());
            } catch (ApiProblem noLongerValid) {
                skipped++;
                continue;
            }
            TreeSet<String> before = codes(now);
            TreeSet<String> after = codes(next);
            boolean verdictMoves = now.verdict() != next.verdict();
            if (verdictMoves || !before.equals(after)) {
                verdictChanged += verdictMoves ? 1 : 0;
                findingsChanged += before.equals(after) ? 0 : 1;
                TreeSet<String> added = new TreeSet<>(after);
                added.removeAll(before);
                TreeSet<String> removed = new TreeSet<>(before);
                removed.removeAll(after);
                items.add(new Item(proposal.id(), proposal.kind(), proposal.verdict(), now.verdict().name(),
                        next.verdict().name(), List.copyOf(added), List.copyOf(removed)));
            }
        }
        int replayed = proposals.size() - skipped;
        String summary = "replayed " + replayed + " proposal(s): " + verdictChanged + " would change verdict, "
                + findingsChanged + " would change findings" + (skipped > 0 ? "; " + skipped
                + " skipped (their SKU or channel is no longer in the catalog)" : "");
        return new Report(versionId, againstId, replayed, verdictChanged, findingsChanged, skipped, summary, items);
    }

    private static TreeSet<String> codes(Evaluation evaluation) {
        TreeSet<String> codes = new TreeSet<>();
        for (Finding finding : evaluation.findings()) {
            codes.add(finding.code());
        }
        return codes;
    }
}
