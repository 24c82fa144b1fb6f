package dev.governor.versions;

import dev.governor.core.Refusal;
import dev.governor.guardrail.Finding;
import dev.governor.proposals.ProposalLog;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.ExampleCases;
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

    /** Answer is one proposal's verdict and finding codes under one ruleset; null when it no longer makes a request. */
    public record Answer(String verdict, List<String> findings) {
    }

    private Impact() {
    }

    static Report replay(ExampleCases checks, long versionId, Ruleset version, long againstId, Ruleset against,
                         List<ProposalLog.Replayable> proposals) {
        return compare(versionId, againstId, proposals, answers(checks, against, proposals),
                answers(checks, version, proposals));
    }

    /** Each proposal's answer under {@code ruleset}, in order; null for one that is no longer a valid request. */
    public static List<Answer> answers(ExampleCases checks, Ruleset ruleset, List<ProposalLog.Replayable> proposals) {
        List<Answer> answers = new ArrayList<>();
        for (ProposalLog.Replayable proposal : proposals) {
            try {
                Evaluation evaluation = checks.check(proposal.kind(), ruleset, proposal.request());
                answers.add(new Answer(evaluation.verdict().name(), List.copyOf(codes(evaluation))));
            } catch (Refusal noLongerValid) {
                answers.add(null);
            }
        }
        return answers;
    }

    /** What would change: the answers under the version in force ({@code now}) against those under the version. */
    static Report compare(long versionId, long againstId, List<ProposalLog.Replayable> proposals, List<Answer> now,
                          List<Answer> next) {
        List<Item> items = new ArrayList<>();
        int verdictChanged = 0;
        int findingsChanged = 0;
        int skipped = 0;
        for (int i = 0; i < proposals.size(); i++) {
            ProposalLog.Replayable proposal = proposals.get(i);
            Answer was = now.get(i);
            Answer will = i < next.size() ? next.get(i) : null;
            if (was == null || will == null) {
                skipped++;
                continue;
            }
            TreeSet<String> before = new TreeSet<>(was.findings());
            TreeSet<String> after = new TreeSet<>(will.findings());
            boolean verdictMoves = !was.verdict().equals(will.verdict());
            if (verdictMoves || !before.equals(after)) {
                verdictChanged += verdictMoves ? 1 : 0;
                findingsChanged += before.equals(after) ? 0 : 1;
                TreeSet<String> added = new TreeSet<>(after);
                added.removeAll(before);
                TreeSet<String> removed = new TreeSet<>(before);
                removed.removeAll(after);
                items.add(new Item(proposal.id(), proposal.kind(), proposal.verdict(), was.verdict(), will.verdict(),
                        List.copyOf(added), List.copyOf(removed)));
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
