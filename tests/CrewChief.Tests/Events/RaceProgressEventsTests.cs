using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class RaceProgressEventsTests
{
    [Fact]
    public void Halfway_IsSaid_InACloseBattle()
    {
        // A car half a second behind the whole way: verbosity is one step down, and halfway must still be said.
        var race = new ScriptedRace(totalLaps: 8, fuel: 60);
        race.AddCar(1, lapsAhead: -0.0083, lapTime: 60);
        race.RunLaps(4);
        race.Run(10);
        Assert.Equal(Verbosity.Medium, race.Brain.EffectiveVerbosity);
        Assert.Equal(1, race.Count(EventKind.Halfway));
    }

    [Fact]
    public void LapRace_LapsToGoHalfwayFinalLapAndChequered_EachOnceAtTheirLap()
    {
        var race = new ScriptedRace(totalLaps: 12, fuel: 60);
        race.RunLaps(1);
        var ten = race.Single(EventKind.LapsToGo);
        Assert.Equal(10, ten.Facts.GetOrDefault(FactKey.LapsRemaining));
        Assert.Equal(12, ten.Facts.GetOrDefault(FactKey.TotalLaps));
        race.RunLaps(3); // completed 5: not yet half
        Assert.Equal(0, race.Count(EventKind.Halfway));
        race.RunLaps(1);
        Assert.Equal(1, race.Count(EventKind.Halfway));
        race.RunLaps(4); // completed 10: 2 to go
        race.Run(5);     // the fuel status took the line first: the global cooldown delays, never drops
        Assert.Equal(new double[] { 10, 5, 2 }, race.Of(EventKind.LapsToGo).Select(e => e.Facts.GetOrDefault(FactKey.LapsRemaining)));
        Assert.Equal(0, race.Count(EventKind.FinalLap));
        race.RunLaps(1);
        Assert.Equal(Priority.High, race.Single(EventKind.FinalLap).Priority);
        race.Run(30);
        Assert.Equal(0, race.Count(EventKind.Chequered)); // no flag yet
        race.Frame.SessionFlags |= SessionFlags.Checkered;
        race.RunLaps(1);
        var flag = race.Single(EventKind.Chequered);
        Assert.Equal(1, flag.Facts.GetOrDefault(FactKey.Position));
        Assert.Equal(12, flag.Facts.GetOrDefault(FactKey.LapsCompleted));
        race.Frame.SessionState = SessionState.Checkered;
        race.RunLaps(2);
        Assert.Equal(1, race.Count(EventKind.Chequered));
        Assert.Equal(1, race.Count(EventKind.FinalLap));
        Assert.Equal(1, race.Count(EventKind.Halfway));
    }

    [Fact]
    public void LappedCar_CountsItsOwnLapsToTheFlag_AndItsFinalLapStartsAtItsLine()
    {
        // The leader is a lap and a half up: when it takes the flag after 6 laps the player has run 4.5, so the
        // player's flag comes at its 5th crossing, not its 6th. (The scripted player starts with a lap done.)
        var race = new ScriptedRace(totalLaps: 6, fuel: 60);
        race.AddCar(1, lapsAhead: 1.5, lapTime: 60);
        race.RunLaps(1);
        race.Run(1);
        Assert.Equal(3, race.Brain.Snapshot.LapsToGo); // laps 3, 4 and 5; the lap limit alone would say 4
        race.RunLaps(1);
        race.RunTo(0.6); // 3.6 laps: the leader (5.1) is on its last lap and the white flag is out
        race.Frame.SessionFlags |= SessionFlags.White;
        race.Run(1);
        Assert.Equal(0, race.Count(EventKind.FinalLap));
        race.RunTo(0.99);
        Assert.Equal(0, race.Count(EventKind.FinalLap));
        race.Run(2); // across the line: this lap is the player's last
        var final = race.Single(EventKind.FinalLap);
        Assert.Equal(5, final.Facts.GetOrDefault(FactKey.Lap));
    }

    [Fact]
    public void TimedRace_HalfwaySaysTheClock_NotAnEstimatedLapCount()
    {
        var race = new ScriptedRace(timeLimit: 1800, fuel: 60);
        race.RunLaps(16);
        var half = race.Single(EventKind.Halfway);
        Assert.False(half.Facts.Contains(FactKey.LapsRemaining));
        Assert.True(half.Facts.Contains(FactKey.TimeRemaining));
    }

    [Fact]
    public void RaceStart_OnTheSwitchToRacing_NotWhenJoiningARaceUnderWay()
    {
        var race = new ScriptedRace(startProgress: 0.001);
        race.Frame.SessionState = SessionState.ParadeLaps;
        race.Run(5);
        Assert.Equal(0, race.Count(EventKind.RaceStart));
        race.Frame.SessionState = SessionState.Racing;
        race.Tick();
        Assert.Equal(Priority.High, race.Single(EventKind.RaceStart).Priority);

        var joined = new ScriptedRace();
        joined.Run(10);
        Assert.Equal(0, joined.Count(EventKind.RaceStart));
    }

    [Fact]
    public void TimedRace_WhiteFlagMakesTheFinalLap_AndLapsAreEstimated()
    {
        var race = new ScriptedRace(timeLimit: 600, fuel: 60);
        race.Run(1);
        var snap = race.Brain.Snapshot;
        Assert.True(snap.IsTimedRace);
        // 599 s at 60 s laps from 0 %: the leader (the player) runs out the clock mid-lap and finishes it: 10.99 laps -> 11 to go.
        Assert.Equal(11, snap.LapsToGo);
        race.Frame.SessionFlags |= SessionFlags.White;
        race.Run(1);
        Assert.Equal(1, race.Count(EventKind.FinalLap));
    }

    [Fact]
    public void NoSessionInfo_NoDistanceCalls_ButNoCrash()
    {
        var race = new ScriptedRace(withInfo: false, fuel: 60);
        race.Frame.SessionTimeRemain = 604800;
        race.RunLaps(3);
        Assert.Equal(0, race.Count(EventKind.LapsToGo));
        Assert.Equal(0, race.Count(EventKind.Halfway));
        Assert.True(double.IsNaN(race.Brain.Snapshot.LapsRemaining));
    }
}
