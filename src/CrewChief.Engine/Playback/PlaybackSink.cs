namespace CrewChief.Playback;

/// <summary>
/// Where the stage's blocks go: an OpenAL sound card, an OpenAL loopback device, or a WAV file. The scheduler and
/// its timing are shared; only this differs. Every member is called on the playback thread only.
/// </summary>
public abstract class PlaybackSink : IDisposable
{
    /// <summary>What the audio goes to, for logs ("OpenAL device 'X'", "WAV file out.wav").</summary>
    public abstract string Description { get; }

    /// <summary>
    /// True for a sound card: it consumes blocks on its own clock and the stage asks <see cref="ReclaimPlayed"/>
    /// how far it got. False: the stage keeps the time and calls <see cref="Render"/> once per block.
    /// </summary>
    internal abstract bool PacedByDevice { get; }

    /// <summary>Queues one block of float samples (the stage never queues more than its QueueBlocks); the sink
    /// converts to its own format here, the one edge where that happens.</summary>
    internal abstract void Submit(ReadOnlySpan<float> block);

    /// <summary>Discards every queued block at once: what was not heard yet is never heard.</summary>
    internal abstract void Flush();

    /// <summary>Sound card only: how many queued blocks have been heard since the last call.</summary>
    internal virtual int ReclaimPlayed() => 0;

    /// <summary>Stage-paced sinks: one block of time passes; the oldest queued block (or silence) is heard.</summary>
    internal virtual void Render() { }

    public abstract void Dispose();
}
