namespace CrewChief.Telemetry;

/// <summary>
/// Receives every decoded in-world frame on the reader thread: the seam where the strategy and event pipeline
/// plugs into a replay or live loop. Must not allocate or block; the frame is overwritten by the next tick.
/// </summary>
public interface ITelemetryObserver
{
    void OnFrame(TelemetryFrame frame, SessionInfo? sessionInfo);
}
