using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Truth;

/// <summary>
/// Issue 11 item 5: a reset or tow (placeholder records mid-file) reaches the race brain through the real replay
/// source and the real tick loop, so the jump into the pit stall is never a pit entry, a lap, a refuel or a best.
/// Found generically: every real file with a placeholder run after driving is checked, not one named file.
/// </summary>
public sealed class RealSourceResetTests
{
    [Theory]
    [MemberData(nameof(TruthRun.Files), MemberType = typeof(TruthRun))]
    public void ResetOrTow_ThroughTheRealSourceAndTickLoop_IsNoPitEntryLapOrRefuel(string file)
    {
        string path = SharedData.RequireTelemetry(file);
        var raw = new RawTimeline(RawTelemetry.Open(path));
        // Records where the car leaves the world after having been in it: a reset or tow.
        var resets = new List<double>();
        for (int r = 1; r < raw.N; r++) if (!raw.InWorld[r] && raw.InWorld[r - 1]) resets.Add(raw.T[r]);
        if (raw.Raw.IsLive || resets.Count == 0) Assert.Skip($"{Path.GetFileName(path)} has no reset or tow to check");

        using var source = new IbtReplaySource(path, IbtReplaySource.AsFastAsPossible, skipPlaceholders: false);
        var brain = new RaceBrain();
        var events = new List<RaceEvent>();
        int resetTicks = 0;
        using var loop = new TickLoop(source, brain, new EventRouter(), new LatestPlayerState(), new DashboardState(), null);
        loop.EventRaised = e => events.Add(e);
        while (loop.Step(0))
            if (brain.Strategy.Laps.ResetThisTick) resetTicks++;
        loop.Finish();

        // Every record reached the brain, the placeholders too.
        Assert.Equal(source.RecordCount, loop.Ticks);
        Assert.True(resetTicks >= resets.Count, $"the brain saw {resetTicks} resets, the file has {resets.Count}");
        foreach (double t in resets)
        {
            Assert.DoesNotContain(events, e => e.Kind is EventKind.PitEntry or EventKind.PersonalBest or EventKind.LapTime
                && e.SessionTime >= t && e.SessionTime <= t + 5);
        }
    }
}
