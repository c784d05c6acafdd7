using CrewChief.Callouts;
using CrewChief.Playback;

namespace CrewChief.Pipeline;

/// <summary>Where the director routes callouts; every part is optional (text-only, template-only).</summary>
public sealed class DirectorOutputs
{
    public ISpeechOutput? Speech { get; init; }
    public PlaybackStage? Playback { get; init; }
    /// <summary>The LLM rewriter for routine calls (null: the composer's callout is spoken as it is).</summary>
    public ICalloutRewriter? Rewriter { get; init; }
    public Units Units { get; init; }
    /// <summary>The two-way radio's say on each callout (hold while the driver talks, quiet, spotter off); null: always speak.</summary>
    public Radio.IRadioGate? RadioGate { get; init; }
}
