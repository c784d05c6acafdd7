using CrewChief.Events;
using CrewChief.Callouts;

namespace CrewChief.Tools.Eval;

/// <summary>
/// Runs an eval set through a writer: feed each snapshot through the real brain (<see cref="SnapshotHistory"/>),
/// write the callout for what it raised, score it on the anchor's metrics and check the written and spoken forms
/// against the facts.
/// </summary>
public static class EvalRunner
{
    public static EvalReport Run(IReadOnlyList<EvalCase> cases, ICalloutWriter writer)
    {
        var results = new List<EvalCaseResult>(cases.Count);
        foreach (var c in cases) results.Add(RunOne(c, writer));
        return new EvalReport { Writer = writer.Name, Cases = results };
    }

    public static EvalCaseResult RunOne(EvalCase c, ICalloutWriter writer)
    {
        List<RaceEvent> events = SnapshotHistory.Run(c.Input);
        CalloutContext ctx = SnapshotContext.For(c.Input);
        RaceEvent[] batch = [.. events];
        writer.Reset();
        // The brain said nothing: silence is its answer, scored as an empty reply.
        Callout callout = batch.Length > 0 ? writer.Write(batch, ctx) : new Callout(EventKind.None, Priority.Low, "", "", 0, 0);
        string? fallback = writer.LastFallback;

        var facts = GroundingFacts.From(batch, ctx);
        GroundingVerdict written = GroundingCheck.Check(callout.Text, facts);
        GroundingVerdict spoken = GroundingCheck.Check(callout.Spoken, facts);
        EvalScore score = EvalScorer.Score(c, callout.Text, ctx, written);

        var problems = new List<string>(score.Misses.Count + 2);
        if (!written.IsGrounded) problems.Add("ungrounded: " + written);
        if (!spoken.IsGrounded) problems.Add("ungrounded (spoken): " + spoken);
        if (c.ExpectedTopic.Length > 0 && callout.Kind.ToString() != c.ExpectedTopic)
            problems.Add($"topic: expected {c.ExpectedTopic}, said {callout.Kind}");
        problems.AddRange(score.Misses);
        var raised = new List<string>(batch.Length);
        foreach (var e in batch) raised.Add($"{e.Kind} {e.Priority}");
        return new EvalCaseResult(c, callout.Kind, callout.Text, callout.Spoken, score.Words, score.Score,
            written.IsGrounded && spoken.IsGrounded, problems, fallback) { Raised = raised };
    }

    /// <summary>Finds eval/cases.jsonl from the working directory or the exe's folder upwards.</summary>
    public static string? FindDefaultCases()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null)
            {
                string candidate = Path.Combine(dir.FullName, "eval", "cases.jsonl");
                if (File.Exists(candidate)) return candidate;
                dir = dir.Parent;
            }
        }
        return null;
    }
}
