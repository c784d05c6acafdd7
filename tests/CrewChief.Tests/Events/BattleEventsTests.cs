using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class BattleEventsTests
{
    // 60 s laps: 0.01 lap = 0.6 s.

    [Fact]
    public void Attack_WhenCatchingTheCarAheadInsideOneSecond()
    {
        var race = new ScriptedRace();
        race.AddCar(1, lapsAhead: 0.03, lapTime: 61, number: "23");   // 1.8 s ahead, 1 s/lap slower
        race.Run(30);
        Assert.Equal(0, race.Count(EventKind.Attack));
        race.Run(40);
        var e = race.Single(EventKind.Attack);
        Assert.Equal(1, e.Facts.GetOrDefault(FactKey.CarIdx));
        Assert.Equal(23, e.Facts.GetOrDefault(FactKey.CarNumber));
        Assert.InRange(e.Facts.GetOrDefault(FactKey.GapAhead), 0.9, 1.0);
        Assert.InRange(e.Facts.GetOrDefault(FactKey.ClosingRate), 0.8, 1.2);
    }

    [Fact]
    public void GapClosing_CarAheadBeingCaught_IsCalledOnceWithTheRate()
    {
        var race = new ScriptedRace();
        race.AddCar(1, lapsAhead: 0.045, lapTime: 60.5);   // 2.7 s ahead, catching 0.5 s/lap
        race.Run(30);
        var e = race.Single(EventKind.GapClosing);
        Assert.InRange(e.Facts.GetOrDefault(FactKey.ClosingRate), 0.4, 0.6);
        Assert.True(e.Facts.Contains(FactKey.GapAhead));
        race.Run(30);
        Assert.Equal(1, race.Count(EventKind.GapClosing)); // 60 s cooldown
    }

    [Fact]
    public void GapClosing_CarBehindCatching_IsCalled_StableGapIsNot()
    {
        var race = new ScriptedRace();
        race.AddCar(2, lapsAhead: -0.045, lapTime: 59.5);
        race.AddCar(3, lapsAhead: 0.3, lapTime: 60);
        race.Run(20);
        var e = race.Single(EventKind.GapClosing);
        Assert.True(e.Facts.Contains(FactKey.GapBehind));
        Assert.Equal(2, e.Facts.GetOrDefault(FactKey.CarIdx));

        var steady = new ScriptedRace();
        steady.AddCar(2, lapsAhead: -0.045, lapTime: 60);
        steady.Run(60);
        Assert.Empty(steady.Events);
    }

    [Fact]
    public void Defend_ThenGapClear_WhenTheCarBehindDropsBack()
    {
        var race = new ScriptedRace();
        race.AddCar(2, lapsAhead: -0.015, lapTime: 58);   // 0.9 s behind, 2 s/lap faster
        race.Run(15);
        var defend = race.Single(EventKind.Defend);
        Assert.Equal(Priority.High, defend.Priority);
        Assert.True(defend.Facts.GetOrDefault(FactKey.GapBehind) < 0.6);
        Assert.Equal(0, race.Count(EventKind.GapClear));
        race.SetCarProgress(2, race.Progress - 0.008);
        race.SetCarLapTime(2, 66);                        // falls back
        race.Run(90);
        var clear = race.Single(EventKind.GapClear);
        Assert.True(clear.Facts.GetOrDefault(FactKey.GapBehind) > 2.0);
    }

    [Fact]
    public void DirtyAir_AfterFollowingWithinASecond_CleanAirWhenItOpens()
    {
        var race = new ScriptedRace(new BrainOptions { AutoLowerVerbosity = false });
        race.AddCar(1, lapsAhead: 0.0133, lapTime: 60);   // 0.8 s ahead, same pace
        race.Run(4);
        Assert.Equal(0, race.Count(EventKind.DirtyAir));
        race.Run(6); // after 5 s in it, and after the attack call's global cooldown
        Assert.Equal(1, race.Count(EventKind.DirtyAir));
        race.SetCarLapTime(1, 56);                        // pulls away
        race.Run(30);
        Assert.Equal(1, race.Count(EventKind.CleanAir));
        Assert.Equal(1, race.Count(EventKind.DirtyAir));
    }

    [Fact]
    public void DirtyAir_IsSaid_WithVerbosityLoweredByTheBattleItDescribes()
    {
        // Following within a second is a close battle, which lowers verbosity one step: the call must survive it.
        var race = new ScriptedRace();
        race.RunLaps(1);
        race.AddCar(1, lapsAhead: 0.0133, lapTime: 60);
        race.Run(12);
        Assert.Equal(Verbosity.Medium, race.Brain.EffectiveVerbosity);
        Assert.Equal(1, race.Count(EventKind.DirtyAir));
    }

    [Fact]
    public void CleanAir_MutedByABattleBehind_IsSaidOnceThatBattleIsOver()
    {
        var race = new ScriptedRace();
        race.RunLaps(1);
        race.AddCar(1, lapsAhead: 0.0133, lapTime: 60);   // 0.8 s ahead: dirty air
        race.AddCar(2, lapsAhead: -0.0083, lapTime: 60);  // 0.5 s behind: a battle, verbosity one step down
        race.Run(12);
        Assert.Equal(1, race.Count(EventKind.DirtyAir));
        race.SetCarLapTime(1, 54);                        // the car ahead pulls away: clean air, but still defending
        race.Run(30);
        Assert.Equal(0, race.Count(EventKind.CleanAir));
        race.SetCarLapTime(2, 70);                        // the car behind drops away: now it can be said
        race.Run(40);
        Assert.Equal(1, race.Count(EventKind.CleanAir));
    }

    [Fact]
    public void DirtyAir_NotOnTheGridOrTheParadeLap()
    {
        var race = new ScriptedRace(new BrainOptions { AutoLowerVerbosity = false });
        race.Frame.SessionState = SessionState.ParadeLaps;
        race.AddCar(1, lapsAhead: 0.005, lapTime: 60);   // nose to tail behind the car in front, by rule
        race.Run(20);
        Assert.Equal(0, race.Count(EventKind.DirtyAir));
    }

    [Fact]
    public void LappedTraffic_ABackmarkerAhead_IsCalledOncePerCar()
    {
        var race = new ScriptedRace();
        race.AddCar(4, lapsAhead: -1 + 0.03, lapTime: 66);   // a lap down, 1.8 s up the road
        race.AddCar(5, lapsAhead: 0.03 + 0.2, lapTime: 60);  // same lap, far ahead: not traffic
        race.Run(5);
        var e = race.Single(EventKind.LappedTraffic);
        Assert.Equal(4, e.Facts.GetOrDefault(FactKey.CarIdx));
        Assert.Equal(Priority.Medium, e.Priority);
    }

    [Fact]
    public void BlueFlagCarBehind_ALeaderAboutToLapThePlayer()
    {
        var race = new ScriptedRace();
        race.AddCar(6, lapsAhead: 1 - 0.02, lapTime: 57);    // a lap up, 1.2 s behind on the road
        race.Run(3);
        var e = race.Single(EventKind.BlueFlagCarBehind);
        Assert.Equal(6, e.Facts.GetOrDefault(FactKey.CarIdx));

        var far = new ScriptedRace();
        far.AddCar(6, lapsAhead: 1 - 0.05, lapTime: 60);     // 3 s behind: not yet
        far.Run(3);
        Assert.Equal(0, far.Count(EventKind.BlueFlagCarBehind));
    }

    [Fact]
    public void NoEstTime_GapsComeFromF2Time()
    {
        var race = new ScriptedRace();
        race.AddCar(1, lapsAhead: 0.05, lapTime: 60);
        race.Run(1);
        race.Frame.CarIdxF2Time[0] = 12.5f;
        race.Frame.CarIdxF2Time[1] = 10.0f;
        Array.Clear(race.Frame.CarIdxEstTime);
        race.Brain.Tick(race.Frame, race.Info, race.Timestamp);
        Assert.Equal(2.5, race.Brain.Snapshot.GapAhead, 3);
    }

    [Fact]
    public void NoCarIdxArrays_NoBattleCalls()
    {
        var race = new ScriptedRace(channels: (TelemetryChannels)0xFFFF & ~TelemetryChannels.CarIdx);
        race.AddCar(1, 0.01, 61);
        race.AddCar(2, -0.01, 58);
        race.Run(30);
        Assert.DoesNotContain(race.Events, e => e.Kind is >= EventKind.GapClosing and <= EventKind.BlueFlagCarBehind);
    }

    [Fact]
    public void ACarJustOutOfThePits_IsNoBattleUntilItHasRejoined()
    {
        // A rival leaves the pit lane 0.67 s behind, 1 s a lap faster: inside the defend range within seconds, but
        // the gap is the stop's, not a fight yet. Once it has run a quarter of a lap (15 s) on the road it is.
        var race = new ScriptedRace();
        race.AddCar(2, lapsAhead: -0.012, lapTime: 59);
        race.Frame.CarIdxOnPitRoad[2] = true;
        race.Run(3);
        race.Frame.CarIdxOnPitRoad[2] = false;
        race.Run(10);
        Assert.Equal(0, race.Count(EventKind.Defend));
        race.Run(15);
        Assert.Equal(1, race.Count(EventKind.Defend));
    }
}
