using CrewChief.Demo;
using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Demo;

/// <summary>
/// Runs a demo race in lock-step through the real live reader (the demo's irsdk map read by
/// <see cref="LiveMapSource"/>) into a <see cref="RaceBrain"/>, as <c>crewchief demo --fast</c> does, and keeps
/// every raised event with the lap it was raised on.
/// </summary>
internal sealed class DemoBrainRun
{
    public readonly List<(RaceEvent Event, int Lap)> Events = [];
    public readonly Dictionary<EventKind, int> Counts = [];
    public int RaceLaps { get; private set; }

    /// <param name="observe">Called after each brain tick with the race, the decoded frame and the brain.</param>
    public static DemoBrainRun Run(double minutes, int seed = DemoOptions.DefaultSeed, BrainOptions? options = null,
        Action<DemoRace, TelemetryFrame, RaceBrain>? observe = null)
    {
        var run = new DemoBrainRun();
        // A map of its own: the default path is per process, and tests run in parallel.
        string map = Path.Combine(Path.GetTempPath(), $"crewchief-demo-test-{Guid.NewGuid():N}.irsdk");
        try
        {
            RunOn(run, map, minutes, seed, options, observe);
        }
        finally
        {
            File.Delete(map);
        }
        return run;
    }

    private static void RunOn(DemoBrainRun run, string map, double minutes, int seed, BrainOptions? options,
        Action<DemoRace, TelemetryFrame, RaceBrain>? observe)
    {
        using var host = new DemoHost(new DemoOptions { Minutes = minutes, Seed = seed }, speed: 0, map);
        using var source = new LiveMapSource(map, parseSessionInfoInBackground: false);
        var brain = new RaceBrain(options);
        var frame = new TelemetryFrame();
        run.RaceLaps = host.Race.RaceLaps;
        while (!host.Race.IsFinished)
        {
            host.StepOnce();
            if (source.TryRead(frame, 0) != TelemetryReadStatus.NewFrame) continue;
            brain.Tick(frame, source.SessionInfo, 0);
            foreach (var e in brain.Raised)
            {
                run.Events.Add((e, brain.Strategy.Laps.CurrentLap));
                run.Counts[e.Kind] = run.Counts.GetValueOrDefault(e.Kind) + 1;
            }
            observe?.Invoke(host.Race, frame, brain);
        }
    }

    public int Count(EventKind kind) => Counts.GetValueOrDefault(kind);
}
