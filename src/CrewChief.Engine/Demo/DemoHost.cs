using CrewChief.Telemetry;

namespace CrewChief.Demo;

/// <summary>
/// Runs a <see cref="DemoRace"/> on its own named thread and publishes every tick into an irsdk live map
/// (<see cref="IrsdkWriter"/>), so the engine attaches to <see cref="SimPublisher.MapPath"/> with its real live reader exactly
/// as it would to iRacing. Paced at 60 Hz × <see cref="SimPublisher.Speed"/>, or as fast as possible when Speed is 0.
/// The race and the writer belong to the sim thread while it runs; other threads read only the map.
/// </summary>
public sealed class DemoHost : SimPublisher
{
    /// <param name="speed">Simulated seconds per real second; 0 runs flat out.</param>
    /// <param name="mapPath">Backing file of the map; null makes one in the temp folder (deleted on dispose).</param>
    public DemoHost(DemoOptions options, double speed = 1.0, string? mapPath = null)
        : this(options, speed, IrsdkWriter.CreateFile(mapPath ?? DefaultMapPath()), deleteMapOnDispose: mapPath is null)
    {
    }

    /// <summary>Publishes into a writer the caller made (e.g. <see cref="IrsdkWriter.CreateNamed"/> on Windows); the
    /// host owns and disposes it.</summary>
    public DemoHost(DemoOptions options, double speed, IrsdkWriter writer) : this(options, speed, writer, deleteMapOnDispose: false)
    {
    }

    private DemoHost(DemoOptions options, double speed, IrsdkWriter writer, bool deleteMapOnDispose)
        : base(writer, speed, deleteMapOnDispose, "CrewChief demo race")
    {
        try
        {
            Race = new DemoRace(options);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
        PublishSessionInfo();
    }

    // Unique per host, not per process: two demos in one process (tests, the latency harness) must not share a map.
    private static string DefaultMapPath() =>
        Path.Combine(Path.GetTempPath(), $"crewchief-demo-{Environment.ProcessId}-{Interlocked.Increment(ref s_hosts)}.irsdk");

    private static int s_hosts;

    public DemoRace Race { get; }
    public override double SessionTime => Race.SessionTime;
    public override string Description => $"{Race.Track.DisplayName}, demo race";

    /// <summary>
    /// Called on the sim thread after each tick is in the map (the tick count is the buffer's). Keep it short:
    /// it delays the next tick. The seam for in-process consumers; out-of-process ones read <see cref="SimPublisher.MapPath"/>.
    /// </summary>
    public Action<DemoRace, int>? AfterTick { get; set; }

    /// <summary>Runs one tick on the caller's thread (tests and benchmarks; never while the thread runs); 0 once
    /// the race is over.</summary>
    public int StepOnce()
    {
        PublishNext(out int tick);
        return tick;
    }

    protected override TelemetryFrame Frame => Race.Frame;
    protected override double StepSeconds => DemoRace.TickSeconds;
    protected override int SessionInfoVersion => Race.SessionInfoVersion;
    protected override string BuildSessionInfoYaml() => Race.BuildSessionInfoYaml();

    protected override bool Advance()
    {
        if (Race.IsFinished) return false;
        Race.Step();
        return true;
    }

    protected override void OnPublished(int tick) => AfterTick?.Invoke(Race, tick);
}
