using CrewChief.Events;

namespace CrewChief.Speech;

/// <summary>One callout to speak: its text, urgency, an id its audio chunks carry, and where the audio goes.</summary>
public readonly record struct SpeechRequest(long Id, string Text, Priority Priority, IAudioTarget Target);
