using CrewChief.Events;
using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class PitEventsTests
{
    [Fact]
    public void PitStop_RejoinEstimateThenEntryThenExit()
    {
        var race = new ScriptedRace(fuel: 60);
        race.AddCar(2, lapsAhead: -5 / 60.0, lapTime: 60);   // 5 s behind: passes during a 21 s stop
        race.AddCar(3, lapsAhead: -30 / 60.0, lapTime: 60);  // 30 s behind: does not
        race.Run(5);
        race.Clear();
        race.PitStop();
        race.Run(6);
        var rejoin = race.Single(EventKind.RejoinEstimate);
        Assert.Equal(2, rejoin.Facts.GetOrDefault(FactKey.RejoinPosition));
        Assert.Equal(RejoinEstimator.DefaultLoss(3), rejoin.Facts.GetOrDefault(FactKey.PitLaneLoss), 1);
        Assert.InRange(rejoin.Facts.GetOrDefault(FactKey.RejoinGapAhead), 15.5, 16.5); // 21 - 5
        Assert.InRange(rejoin.Facts.GetOrDefault(FactKey.RejoinGapBehind), 8.5, 9.5);  // 30 - 21
        var entry = race.Single(EventKind.PitEntry);
        var exit = race.Single(EventKind.PitExit);
        Assert.True(rejoin.SessionTime <= entry.SessionTime && entry.SessionTime < exit.SessionTime);
        Assert.Equal(Priority.Low, entry.Priority);
        Assert.Equal(0, race.Count(EventKind.PitLimiterMissing));
    }

    [Fact]
    public void LimiterOffOnPitRoad_IsCritical_AndRepeatsOnlyAfterItsCooldown()
    {
        // A car with a limiter (issue 11: no call for one without) on a lane with a known limit below its 72 km/h.
        var race = new ScriptedRace(fuel: 60, channels: (TelemetryChannels)0xFFFF | TelemetryChannels.PitLimiterControl);
        race.Info!.PitSpeedLimitKph = 60;
        race.PitStop(laneSeconds: 12, stationarySeconds: 5, limiter: false);
        var calls = race.Of(EventKind.PitLimiterMissing);
        Assert.NotEmpty(calls);
        Assert.All(calls, e => Assert.Equal(Priority.Critical, e.Priority));
        for (int i = 1; i < calls.Count; i++) Assert.True(calls[i].SessionTime - calls[i - 1].SessionTime >= 5 - 1e-6);
        Assert.True(calls[0].Facts.GetOrDefault(FactKey.Speed) > 3);
    }

    [Fact]
    public void PitWindowOpen_OnTheFirstLapOneTankReachesTheFlag()
    {
        var race = new ScriptedRace(totalLaps: 40, fuel: 58, tank: 60);
        race.RunLaps(8); // completed 9, on lap 10
        Assert.Equal(0, race.Count(EventKind.PitWindowOpen));
        race.RunLaps(1);
        race.Run(5);
        var e = race.Single(EventKind.PitWindowOpen);
        Assert.Equal(11, e.Facts.GetOrDefault(FactKey.PitWindowOpenLap));
        Assert.Equal(1, e.Facts.GetOrDefault(FactKey.StopsNeeded));
        Assert.Equal(Priority.High, e.Priority);
    }

    [Fact]
    public void NoStopNeeded_NoWindowNoBox()
    {
        var race = new ScriptedRace(totalLaps: 15, fuel: 45);
        race.RunLaps(13);
        Assert.Equal(0, race.Count(EventKind.PitWindowOpen));
        Assert.Equal(0, race.Count(EventKind.BoxThisLap));
        Assert.Equal(0, race.Count(EventKind.FuelWarning));
        Assert.Equal(0, race.Count(EventKind.FuelCritical));
    }

    [Fact]
    public void BoxThisLap_IsCalledOnTheLastLapTheFuelAllows_WhenTheTimerTurnsAmber()
    {
        var race = new ScriptedRace(new BrainOptions { PitEntryPct = 0.95 }, totalLaps: 30, fuel: 9, tank: 60);
        race.RunLaps(3); // completed 4, on lap 5 with ~3 L: cannot complete lap 6
        Assert.Equal(0, race.Count(EventKind.BoxThisLap));
        race.RunTo(0.4);
        Assert.Equal(0, race.Count(EventKind.BoxThisLap)); // still green: too early to be useful
        race.RunTo(0.9);
        var box = race.Single(EventKind.BoxThisLap);
        Assert.Equal(Priority.Critical, box.Priority);
        Assert.Equal(5, box.Facts.GetOrDefault(FactKey.Lap));
        Assert.Equal((double)PitCallState.Amber, box.Facts.GetOrDefault(FactKey.PitCallState));
        double seconds = box.Facts.GetOrDefault(FactKey.SecondsToCallPoint);
        Assert.InRange(seconds, 8, 20);
        Assert.Equal((float)seconds, box.TimeToLive, 1);
        Assert.Contains(race.Events, e => e.Kind == EventKind.RejoinEstimate && e.SessionTime >= box.SessionTime);
    }

    [Fact]
    public void BoxThisLap_WithoutAKnownPitEntry_IsCalledAtTheStartOfTheLap()
    {
        var race = new ScriptedRace(totalLaps: 30, fuel: 9, tank: 60);
        race.RunLaps(3);
        race.Run(0.5);
        var box = race.Single(EventKind.BoxThisLap);
        Assert.False(box.Facts.Contains(FactKey.SecondsToCallPoint));
        race.RunTo(0.9);
        Assert.Equal(1, race.Count(EventKind.BoxThisLap));
    }

    [Fact]
    public void RivalAboutToPit_TheCarAheadDeepIntoItsFuelWindow()
    {
        // A 10 L tank at 2 L/lap is a 5-lap window for the class.
        var race = new ScriptedRace(totalLaps: 30, fuel: 10, tank: 10);
        race.AddCar(1, lapsAhead: 0.05, lapTime: 60, number: "44");
        race.RunLaps(2);
        Assert.Equal(0, race.Count(EventKind.RivalAboutToPit));
        race.RunLaps(4);
        var e = race.Single(EventKind.RivalAboutToPit);
        Assert.Equal(44, e.Facts.GetOrDefault(FactKey.CarNumber));
        Assert.True(e.Facts.GetOrDefault(FactKey.RivalPitProbability) >= 0.6);
        Assert.InRange(e.Facts.GetOrDefault(FactKey.GapAhead), 2.5, 3.5);
    }

    [Fact]
    public void RivalAboutToPit_NotUnderAFullCourseYellow()
    {
        // The same rival deep into its window, but behind a full-course yellow: "push now" would be against the rules.
        var race = new ScriptedRace(totalLaps: 30, fuel: 10, tank: 10);
        race.AddCar(1, lapsAhead: 0.05, lapTime: 60, number: "44");
        race.RunLaps(2);
        race.Frame.SessionFlags = SessionFlags.Caution;
        race.RunLaps(4);
        Assert.Equal(0, race.Count(EventKind.RivalAboutToPit));
    }

    [Fact]
    public void ShortBySoLittleThatSavingCovers_NoWindowAndNoBox()
    {
        // 0.5 L short of 9 laps at 2 L/lap: the save target's case, not a stop (while the save stays under 10 % a lap).
        var race = new ScriptedRace(totalLaps: 10, fuel: 18.5f, tank: 60);
        race.RunLaps(5);
        Assert.Equal(0, race.Count(EventKind.PitWindowOpen));
        Assert.Equal(0, race.Count(EventKind.BoxThisLap));
        Assert.True(race.Count(EventKind.FuelSaveTarget) >= 1);
    }

    [Fact]
    public void RivalAboutToPit_NeverOnTheLastLap()
    {
        // A 9-lap window (18 L at 2 L/lap) in a 10-lap race: the rival just behind is deep into it only once the
        // player is on the final lap.
        var race = new ScriptedRace(totalLaps: 10, fuel: 20.5f, tank: 18);
        race.RunLaps(1);
        race.AddCar(1, lapsAhead: -0.05, lapTime: 60, number: "44");   // first seen a lap in: its stint counts from there
        race.RunLaps(7);
        race.RunTo(0.9);
        Assert.Equal(10, race.Brain.Strategy.Laps.CurrentLap);
        Assert.True(race.Brain.Strategy.Rivals.Probabilities[1] >= 0.6);
        Assert.Equal(0, race.Count(EventKind.RivalAboutToPit));
    }

    [Fact]
    public void RivalJustPitted_IsNotAboutToPit()
    {
        var race = new ScriptedRace(totalLaps: 30, fuel: 10, tank: 10);
        race.AddCar(1, lapsAhead: 0.05, lapTime: 60);
        race.RunLaps(3, r => r.Frame.CarIdxOnPitRoad[1] = r.CarProgress(1) % 1 is > 0.5 and < 0.52);
        race.RunLaps(2);
        Assert.Equal(0, race.Count(EventKind.RivalAboutToPit));
    }
}
