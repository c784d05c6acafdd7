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

    /// <summary>
    /// One synthesised sentence whose <paramref name="samples"/> are only lent for this call (the synthesiser's reused
    /// buffer): the target copies what it keeps before returning. <paramref name="chunk"/> says which sentence it is;
    /// its own samples are empty. A callout's audio then makes no fresh array on its way to playback (a sentence is a
    /// large-object-heap array, garbage only a full collection returns). By default the samples are copied into a
    /// new array for <see cref="Write"/>. Same threads and rules as <see cref="Write"/>.
    /// </summary>
    void WriteLent(ReadOnlySpan<float> samples, in AudioChunk chunk) => Write(chunk with { Samples = samples.ToArray() });
}
