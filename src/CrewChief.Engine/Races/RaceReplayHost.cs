using CrewChief.Telemetry;

namespace CrewChief.Races;

/// <summary>
/// Publishes a replayed session (<see cref="IReplayedSession"/>: real race timing or a live NDJSON recording)
/// into an irsdk live map through <see cref="IrsdkWriter"/>, on its own thread, so the engine attaches with its
/// real live reader exactly as to iRacing — the same shape as the demo's <c>DemoHost</c>, so a named map
/// (<see cref="IrsdkWriter.CreateNamed"/>) can be published instead of a file. Paced at <see cref="SimPublisher.Speed"/>×
/// session time, or flat out (0) with <see cref="AfterTick"/> letting the engine read each frame in lock-step.
/// </summary>
public sealed class RaceReplayHost : SimPublisher
{
    /// <param name="speed">Session seconds per real second; 0 runs flat out.</param>
    /// <param name="mapPath">Backing file of the map; null makes one in the temp folder (deleted on dispose).</param>
    public RaceReplayHost(IReplayedSession session, double speed = 1.0, string? mapPath = null)
        : this(session, speed, IrsdkWriter.CreateFile(mapPath ?? DefaultMapPath(), publishPitsOpen: session.KnowsPitsOpen), deleteMapOnDispose: mapPath is null)
    {
    }

    /// <summary>Publishes into a writer the caller made (e.g. the sim's named map on Windows); the host owns it.</summary>
    public RaceReplayHost(IReplayedSession session, double speed, IrsdkWriter writer) : this(session, speed, writer, deleteMapOnDispose: false)
    {
    }

    private RaceReplayHost(IReplayedSession session, double speed, IrsdkWriter writer, bool deleteMapOnDispose)
        : base(writer, speed, deleteMapOnDispose, "CrewChief race replay")
    {
        Session = session;
        PublishSessionInfo();
    }

    private static string DefaultMapPath() =>
        Path.Combine(Path.GetTempPath(), $"crewchief-race-{Environment.ProcessId}-{Interlocked.Increment(ref s_hosts)}.irsdk");

    private static int s_hosts;

    public IReplayedSession Session { get; }
    public override double SessionTime => Session.Frame.SessionTime;
    public override string Description => Session.Description;

    /// <summary>Called on the replay thread after each frame is in the map. Keep it short.</summary>
    public Action<IReplayedSession, int>? AfterTick { get; set; }

    /// <summary>Writes the next frame on the caller's thread; false when the session has no more. Tests and
    /// benchmarks use it; never while the thread runs.</summary>
    public bool StepOnce(out int tick) => PublishNext(out tick);

    protected override TelemetryFrame Frame => Session.Frame;
    protected override double StepSeconds => Session.StepSeconds;
    protected override int SessionInfoVersion => Session.SessionInfoVersion;
    protected override string BuildSessionInfoYaml() => Session.BuildSessionInfoYaml();
    protected override bool Advance() => Session.Step();
    protected override void OnPublished(int tick) => AfterTick?.Invoke(Session, tick);
}
