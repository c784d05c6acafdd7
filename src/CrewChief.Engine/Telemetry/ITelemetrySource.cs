namespace CrewChief.Telemetry;

/// <summary>
/// A stream of telemetry ticks: the live sim, an .ibt replay or the built-in demo. One reader thread calls
/// <see cref="TryRead"/> at the tick rate; it must not allocate in steady state.
/// </summary>
public interface ITelemetrySource : IDisposable
{
    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for the next tick and decodes it into <paramref name="frame"/>
    /// (its contents are unspecified unless the result is <see cref="TelemetryReadStatus.NewFrame"/>).
    /// </summary>
    TelemetryReadStatus TryRead(TelemetryFrame frame, int timeoutMs);

    /// <summary>The latest parsed session YAML, or null before the first one arrives.</summary>
    SessionInfo? SessionInfo { get; }

    /// <summary>sessionInfoUpdate of the YAML behind <see cref="SessionInfo"/>; changes when the sim rewrites it.</summary>
    int SessionInfoVersion { get; }

    /// <summary>One line for logs and status output, e.g. "replay of foo.ibt at 4×".</summary>
    string Description { get; }
}

/// <summary>What one <see cref="ITelemetrySource.TryRead"/> produced.</summary>
public enum TelemetryReadStatus
{
    /// <summary>The frame holds a new tick.</summary>
    NewFrame,
    /// <summary>Connected, but no new tick arrived within the timeout.</summary>
    NoNewData,
    /// <summary>The sim is not running (or not in a session); the source keeps trying to reconnect.</summary>
    NotConnected,
    /// <summary>A replay has no more records.</summary>
    EndOfData,
}
