namespace CrewChief.Events;

/// <summary>
/// Something worth saying, raised on one tick. A value type so the tick path hands it on without allocating.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Priority">How urgent; decides preemption downstream.</param>
/// <param name="SessionTime">Sim session time (s) of the tick that raised it.</param>
/// <param name="RaisedAt">Stopwatch timestamp of that tick, the start of every latency measurement.</param>
/// <param name="TimeToLive">Seconds after <paramref name="RaisedAt"/> past which it must not be spoken.</param>
/// <param name="Facts">The typed facts it was raised on: the only facts a callout may use.</param>
public readonly record struct RaceEvent(
    EventKind Kind,
    Priority Priority,
    double SessionTime,
    long RaisedAt,
    float TimeToLive,
    FactSet Facts)
{
    /// <summary>The Stopwatch timestamp after which it must not be spoken: the one place expiry is computed.</summary>
    public long ExpiresAt => RaisedAt + (long)(TimeToLive * System.Diagnostics.Stopwatch.Frequency);

    public bool IsExpired(long nowTimestamp) => nowTimestamp > ExpiresAt;
}
