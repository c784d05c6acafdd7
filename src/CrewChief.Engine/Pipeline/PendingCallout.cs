using CrewChief.Logging;
using CrewChief.Playback;

namespace CrewChief.Pipeline;

/// <summary>A callout between the director and its first audio sample: the utterance, its log record, its timestamps.</summary>
internal sealed class PendingCallout(Utterance utterance, UtteranceRecord record, long raisedAt)
{
    public Utterance Utterance { get; } = utterance;
    public UtteranceRecord Record { get; } = record;
    public long RaisedAt { get; } = raisedAt;
    public long DequeuedAt;
    public long ComposedAt;
    public long SpeechQueuedAt;
    public long FirstAudioAt;
    public bool Enqueued;
    /// <summary>Speech requests whose last chunk has not come back yet (an LLM answer is several).</summary>
    public int OpenRequests;
    /// <summary>No more speech requests will be made for it.</summary>
    public bool ProducerDone;
}
