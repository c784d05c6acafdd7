namespace CrewChief.Pipeline;

/// <summary>
/// The newest <see cref="PlayerState"/>: the tick thread publishes one every tick, the director reads it whenever it
/// wants. A sequence lock (odd while writing, re-read on a change) instead of a lock object, so the tick never waits
/// on a reader and never allocates.
/// </summary>
public sealed class LatestPlayerState
{
    private PlayerState _state = PlayerState.Unknown;
    private int _version;

    /// <summary>Tick thread only (one writer).</summary>
    public void Publish(in PlayerState state)
    {
        int v = _version;
        Volatile.Write(ref _version, v + 1);
        Interlocked.MemoryBarrier();
        _state = state;
        Volatile.Write(ref _version, v + 2);
    }

    /// <summary>Any thread: a consistent copy of the last published state.</summary>
    public PlayerState Read()
    {
        var spin = new SpinWait();
        while (true)
        {
            int before = Volatile.Read(ref _version);
            if ((before & 1) == 0)
            {
                PlayerState copy = _state;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _version) == before) return copy;
            }
            spin.SpinOnce();
        }
    }
}
