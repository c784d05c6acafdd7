using CrewChief.Callouts;
using CrewChief.Demo;
using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Radio;

/// <summary>
/// The radio state at a moment of a recording or of the demo race, for `crewchief ask --replay FILE --at S` and
/// `--demo-at S`: the source is read in lock-step through the real reader and the race brain up to that moment.
/// </summary>
public static class RadioStateProbe
{
    /// <summary>The state <paramref name="seconds"/> of session time into the built-in demo race (default 8 minutes, seed 1).</summary>
    public static (RadioState State, CalloutContext Context) FromDemo(double seconds, int seed = DemoOptions.DefaultSeed)
    {
        double minutes = Math.Clamp(Math.Ceiling(seconds / 60) + 1, DemoOptions.DefaultMinutes, DemoOptions.MaxMinutes);
        string map = Path.Combine(Path.GetTempPath(), $"crewchief-ask-{Environment.ProcessId}-{Guid.NewGuid():N}.irsdk");
        try
        {
            using var host = new DemoHost(new DemoOptions { Minutes = minutes, Seed = seed }, speed: 0, map);
            using var source = new LiveMapSource(map, parseSessionInfoInBackground: false);
            var brain = new RaceBrain();
            var frame = new TelemetryFrame();
            RadioState state = RadioState.Unknown;
            while (!host.Race.IsFinished)
            {
                host.StepOnce();
                if (source.TryRead(frame, 0) != TelemetryReadStatus.NewFrame || !frame.InWorld) continue;
                brain.Tick(frame, source.SessionInfo, 0);
                state = RadioState.Capture(brain, frame, source.SessionInfo);
                if (frame.SessionTime >= seconds) break;
            }
            return (state, Context(source.SessionInfo, frame, state));
        }
        finally
        {
            File.Delete(map);
        }
    }

    /// <summary>The state <paramref name="seconds"/> after the first in-world record of the .ibt at <paramref name="path"/> (its end if shorter).</summary>
    public static (RadioState State, CalloutContext Context) FromReplay(string path, double seconds)
    {
        using var source = new IbtReplaySource(path, IbtReplaySource.AsFastAsPossible);
        var brain = new RaceBrain();
        var frame = new TelemetryFrame();
        RadioState state = RadioState.Unknown;
        double start = double.NaN;
        while (true)
        {
            var status = source.TryRead(frame, 100);
            if (status == TelemetryReadStatus.EndOfData) break;
            if (status != TelemetryReadStatus.NewFrame || !frame.InWorld) continue;
            if (double.IsNaN(start)) start = frame.SessionTime;
            brain.Tick(frame, source.SessionInfo, 0);
            state = RadioState.Capture(brain, frame, source.SessionInfo);
            if (frame.SessionTime - start >= seconds) break;
        }
        return (state, Context(source.SessionInfo, frame, state));
    }

    private static CalloutContext Context(SessionInfo? info, TelemetryFrame frame, in RadioState state)
    {
        var ctx = info is null ? new CalloutContext(CarInfo.Unknown(""), TrackInfo.Unknown("", false)) : CalloutContext.FromSession(info);
        ctx.LapDistPct = frame.LapDistPct;
        ctx.PlayerPosition = Math.Max(0, state.Strategy.ClassPosition);
        return ctx;
    }
}
