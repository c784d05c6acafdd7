namespace CrewChief.Telemetry;

/// <summary>
/// A session published into an irsdk live map on its own thread, the way a running sim fills it: the built-in demo
/// race or a replayed real race. <see cref="SimStandIn"/> drives one for a second process to read.
/// </summary>
public interface ISimPublisher : IDisposable
{
    /// <summary>The map being written (owned by the publisher).</summary>
    IrsdkWriter Writer { get; }
    /// <summary>What stopped the publishing thread, if anything.</summary>
    Exception? Error { get; }
    /// <summary>The session time of the newest frame written.</summary>
    double SessionTime { get; }
    /// <summary>One line for status output.</summary>
    string Description { get; }
    void Start();
    void Stop();
    /// <summary>True once the session has ended (or failed) within the timeout.</summary>
    bool WaitForFinish(TimeSpan timeout);
}
