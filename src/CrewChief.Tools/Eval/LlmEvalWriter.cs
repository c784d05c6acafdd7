using CrewChief.Callouts;
using CrewChief.Pipeline;
using CrewChief.Events;
using CrewChief.Llm;

namespace CrewChief.Tools.Eval;

/// <summary>
/// The LLM path as the eval sees it: the composer writes the draft, the model rewrites it for the most important
/// event under the clause guard, and an answer the guard let through is checked once more as a whole, written and
/// spoken, because clauses that pass one by one can still fail together (a number split across a clause break).
/// Any failure speaks the draft and is counted by reason. Lives here, not in Callouts, so the callouts stage
/// stays free of native code. Does not own the model: the caller disposes <see cref="LlmCalloutWriter"/>.
/// </summary>
public sealed class LlmEvalWriter : ICalloutWriter
{
    private readonly LlmCalloutWriter _llm;
    private readonly CalloutComposer _composer;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Fallbacks so far, indexed by <see cref="LlmFallbackReason"/>; [None] counts the answers used.</summary>
    private readonly int[] _counts = new int[Enum.GetValues<LlmFallbackReason>().Length];

    /// <param name="llm">The loaded model; shared, not owned.</param>
    /// <param name="name">What the report calls this writer, e.g. "llm:model.gguf".</param>
    /// <param name="seed">The composer's phrasing seed; the default matches <see cref="ComposerCalloutWriter"/>.</param>
    /// <param name="cancellationToken">Stops a generation in flight (Ctrl+C); the draft is used for it.</param>
    public LlmEvalWriter(LlmCalloutWriter llm, string name, ulong seed = 0x5EED, CancellationToken cancellationToken = default)
    {
        _llm = llm;
        Name = name;
        _composer = new CalloutComposer(seed);
        _cancellationToken = cancellationToken;
    }

    public string Name { get; }

    public string? LastFallback { get; private set; }

    /// <summary>The last generation's outcome as llama.cpp and the guard saw it (before the whole-text re-check).</summary>
    public LlmResult? LastResult { get; private set; }

    /// <summary>Writes that spoke the draft, for any reason.</summary>
    public int Fallbacks
    {
        get
        {
            int n = 0;
            for (int i = 1; i < _counts.Length; i++) n += _counts[i];
            return n;
        }
    }

    /// <summary>Writes that fell back for <paramref name="reason"/>; for None, the writes that used the model's words.</summary>
    public int CountOf(LlmFallbackReason reason) => _counts[(int)reason];

    public void Reset() => _composer.ResetVariety();

    public Callout Write(ReadOnlySpan<RaceEvent> events, CalloutContext ctx)
    {
        Callout draft = _composer.Compose(events, ctx);
        GroundingFacts facts = GroundingFacts.From(events, ctx);
        ref readonly RaceEvent main = ref events[MostImportant(events)];

        LlmResult result = _llm.TryImprove(main, draft.Text, new GroundingClauseGuard(facts), _cancellationToken);
        LastResult = result;
        if (result.FellBack) return FallBack(draft, result.Reason);

        string spoken = SpokenText.From(result.Text);
        if (!GroundingCheck.Check(result.Text, facts).IsGrounded || !GroundingCheck.Check(spoken, facts).IsGrounded)
            return FallBack(draft, LlmFallbackReason.Ungrounded);

        _counts[(int)LlmFallbackReason.None]++;
        LastFallback = null;
        return draft with { Text = result.Text, Spoken = spoken };
    }

    /// <summary>The report's name for a reason: "ungrounded", "deadline", "cancelled", "too_long", "error".</summary>
    public static string ReasonName(LlmFallbackReason reason) => reason switch
    {
        LlmFallbackReason.None => "none",
        LlmFallbackReason.Ungrounded => "ungrounded",
        LlmFallbackReason.Deadline => "deadline",
        LlmFallbackReason.Cancelled => "cancelled",
        LlmFallbackReason.TooLong => "too_long",
        LlmFallbackReason.Error => "error",
        LlmFallbackReason.Unavailable => "unavailable",
        _ => reason.ToString().ToLowerInvariant(),
    };

    private Callout FallBack(Callout draft, LlmFallbackReason reason)
    {
        _counts[(int)reason]++;
        LastFallback = ReasonName(reason);
        return draft;
    }

    // The composer's rule: highest priority, the first of equals wins. The draft's main clause speaks to it.
    private static int MostImportant(ReadOnlySpan<RaceEvent> events)
    {
        int best = 0;
        for (int i = 1; i < events.Length; i++)
        {
            if (events[i].Priority > events[best].Priority) best = i;
        }
        return best;
    }
}
