using CrewChief.Callouts;
using CrewChief.Events;

namespace CrewChief.Radio;

/// <summary>What a grounded answer was composed from: the event holding its facts and the grounding facts the
/// LLM's rewrite is checked against (the same guard the callouts go through).</summary>
public sealed record RadioDraft(RaceEvent Event, GroundingFacts Facts);
