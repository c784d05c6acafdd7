namespace CrewChief.Speech;

/// <summary>
/// Where one speech request's audio goes: the speech request carries it, so the speech thread hands each chunk
/// straight on (to the callout's playback utterance) with no channel or id look-up in between.
/// </summary>
public interface IAudioTarget
{
    /// <summary>
    /// One chunk, in order; the request's last one has <see cref="AudioChunk.IsLast"/> (empty when the request was
    /// dropped, preempted or failed). Called on the speech thread, or on the enqueuing thread for a request the full
    /// queue dropped. Must not block.
    /// </summary>
    void Write(in AudioChunk chunk);
}
