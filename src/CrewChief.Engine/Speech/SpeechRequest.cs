using CrewChief.Events;

namespace CrewChief.Speech;

/// <summary>One callout to speak: its text, urgency, and an id its audio chunks carry.</summary>
public readonly record struct SpeechRequest(long Id, string Text, Priority Priority);
