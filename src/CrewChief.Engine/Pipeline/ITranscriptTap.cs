using CrewChief.Logging;

namespace CrewChief.Pipeline;

/// <summary>
/// Sees every utterance once it is final (played, interrupted, expired, dropped, text-only). Called on the
/// director's threads, never the tick; an implementation must still only copy and return.
/// </summary>
public interface ITranscriptTap
{
    void OnUtterance(UtteranceRecord record);
}
