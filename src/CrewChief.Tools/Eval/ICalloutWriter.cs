using CrewChief.Events;
using CrewChief.Callouts;

namespace CrewChief.Tools.Eval;

/// <summary>
/// Something that writes the callout for a batch of events: the deterministic composer, or the LLM path (which
/// must fall back to the composer when its own output fails the grounding check).
/// </summary>
public interface ICalloutWriter
{
    string Name { get; }

    Callout Write(ReadOnlySpan<RaceEvent> events, CalloutContext ctx);

    /// <summary>Starts a new session: the eval runs each case as its own situation.</summary>
    void Reset() { }

    /// <summary>
    /// Why the last <see cref="Write"/> spoke the deterministic draft instead of the writer's own words
    /// ("ungrounded", "deadline", "cancelled", "too_long", "error"), or null when it did not fall back. Null
    /// always for writers that have nothing to fall back from.
    /// </summary>
    string? LastFallback => null;
}

/// <summary>The deterministic writer: <see cref="CalloutComposer"/> with a fixed seed.</summary>
public sealed class ComposerCalloutWriter(ulong seed = 0x5EED) : ICalloutWriter
{
    private readonly CalloutComposer _composer = new(seed);

    public string Name => "composer";

    public Callout Write(ReadOnlySpan<RaceEvent> events, CalloutContext ctx) => _composer.Compose(events, ctx);

    public void Reset() => _composer.ResetVariety();
}
