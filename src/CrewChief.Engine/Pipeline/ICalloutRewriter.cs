using CrewChief.Callouts;
using CrewChief.Events;

namespace CrewChief.Pipeline;

/// <summary>What the director needs of the LLM: rewrite a routine draft into a voice, and stop when something urgent comes.</summary>
public interface ICalloutRewriter
{
    /// <summary>
    /// Director thread; never blocks. <paramref name="facts"/> are taken with the context the draft was composed in.
    /// The rewriter calls <see cref="ICalloutVoice.Done"/> on <paramref name="voice"/> exactly once (also when it drops the request or fails).
    /// </summary>
    void Submit(in RaceEvent e, Callout draft, GroundingFacts facts, ICalloutVoice voice);

    /// <summary>A more urgent call owns the voice now: stop the generation in flight.</summary>
    void CancelInFlight();
}
