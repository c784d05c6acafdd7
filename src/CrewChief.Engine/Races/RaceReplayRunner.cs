using System.Diagnostics;
using CrewChief.Config;
using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.Races;

/// <summary>How to run a replayed race through the engine.</summary>
public sealed class RaceReplayOptions
{
    /// <summary>Session seconds per real second; 0 = flat out, the engine reading every frame in lock-step.</summary>
    public double Speed { get; init; }
    /// <summary>Where the live map goes (null: a temp file).</summary>
    public string? MapPath { get; init; }
    /// <summary>Each callout as a line (null: none).</summary>
    public TextWriter? Transcript { get; init; }
    /// <summary>Speak the callouts (paced runs only).</summary>
    public bool Speak { get; init; }
    public bool SessionLog { get; init; }
}

/// <summary>What a replay produced: every event the brain raised, with the race it came from.</summary>
public sealed class RaceReplayResult
{
    /// <remarks>168 bytes an event (a struct, no object graph); the 6 h Spa race raises 714, so 1,024 is its size.
    /// It was 16,384 up front: 2.75 MB on the large-object heap for 120 KB of events.</remarks>
    public List<RaceEvent> Events { get; } = new(1024);
    public double WallSeconds { get; set; }
    public long Ticks { get; set; }
    public double TickMicros { get; set; }
    public double AllocBytesPerTick { get; set; }
    public long Callouts { get; set; }
    /// <summary>Session seconds of the last frame the host wrote.</summary>
    public double LastSessionTime { get; set; }
    public int FinishPosition { get; set; }
    public int FinishClassPosition { get; set; }
    public int LapsCompleted { get; set; }
    public int PitRoadEntries { get; set; }
    public bool Cancelled { get; set; }
}

/// <summary>
/// Runs a replayed session the way the demo runs: <see cref="RaceReplayHost"/> writes the live map, a
/// <see cref="LiveMapSource"/> reads it back, and the whole <see cref="RaceEngine"/> (brain, director, composer;
/// speech when paced and asked for) works on it. Flat out, the engine reads each frame on the host's thread right
/// after it is written (lock-step), so nothing is skipped and the run takes as long as the work.
/// </summary>
public static class RaceReplayRunner
{
    private const long WarmupFrames = 600;

    public static RaceReplayResult Run(IReplayedSession session, EngineConfig config, RaceReplayOptions options, CancellationToken cancel = default)
    {
        bool lockStep = options.Speed == 0;
        var result = new RaceReplayResult();
        using var host = new RaceReplayHost(session, options.Speed, options.MapPath);
        var engine = RaceEngine.Create(config, new LiveMapSource(host.MapPath!, parseSessionInfoInBackground: true), new RaceEngineOptions
        {
            Speak = options.Speak && !lockStep,
            Transcript = options.Transcript,
            SessionLog = options.SessionLog,
            FallbackWavPath = "replay.wav",
            SimSpeed = lockStep ? 1 : Math.Max(1, options.Speed),
        });
        engine.Tick.EventRaised = e => result.Events.Add(e);
        bool onPitRoad = false;
        long frames = 0, engineAlloc = 0;
        host.AfterTick = (s, _) =>
        {
            if (lockStep)
            {
                // The engine's allocation (live read, brain, hand-off) after warm-up, measured around its step: the
                // thread is the host's, whose own work (e.g. the YAML of a driver change) is the sim's, not ours.
                long before = GC.GetAllocatedBytesForCurrentThread();
                engine.Tick.Step(0);
                long spent = GC.GetAllocatedBytesForCurrentThread() - before;
                if (++frames > WarmupFrames) engineAlloc += spent;
            }
            var f = s.Frame;
            if (f.OnPitRoad && !onPitRoad) result.PitRoadEntries++;
            onPitRoad = f.OnPitRoad;
            if (f.PlayerCarPosition > 0) { result.FinishPosition = f.PlayerCarPosition; result.FinishClassPosition = f.PlayerCarClassPosition; }
            if (f.LapCompleted > result.LapsCompleted) result.LapsCompleted = f.LapCompleted;
            result.LastSessionTime = f.SessionTime;
        };
        using var stop = cancel.Register(host.Stop);
        var clock = Stopwatch.StartNew();
        try
        {
            engine.RunWith(host, lockStep, cancel);
        }
        finally
        {
            clock.Stop();
            engine.Dispose();
        }
        if (host.Error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(host.Error);
        result.WallSeconds = clock.Elapsed.TotalSeconds;
        result.Ticks = engine.Tick.Ticks;
        result.TickMicros = engine.Tick.MeanTickMicros;
        result.AllocBytesPerTick = !lockStep ? engine.Tick.AllocBytesPerTick
            : frames > WarmupFrames ? (double)engineAlloc / (frames - WarmupFrames) : double.NaN;
        result.Callouts = engine.Director.Handled;
        result.Cancelled = cancel.IsCancellationRequested;
        return result;
    }
}
