using CrewChief.Events;

namespace CrewChief.Tests.Events;

public class FuelEventsTests
{
    [Fact]
    public void FuelToFinish_EveryFiveLaps_WithThePlan()
    {
        var race = new ScriptedRace(totalLaps: 30, fuel: 60, tank: 60);
        race.RunLaps(3);
        Assert.Equal(0, race.Count(EventKind.FuelToFinish));
        race.RunLaps(1);
        var e = race.Single(EventKind.FuelToFinish);
        Assert.Equal(Priority.Low, e.Priority);
        Assert.InRange(e.Facts.GetOrDefault(FactKey.FuelPerLap), 1.98, 2.02);
        Assert.InRange(e.Facts.GetOrDefault(FactKey.FuelToFinish), 50, 52); // 25 laps x 2 + 1 L reserve
        Assert.Equal(0, e.Facts.GetOrDefault(FactKey.StopsNeeded));
        race.RunLaps(5);
        Assert.Equal(2, race.Count(EventKind.FuelToFinish));
    }

    [Fact]
    public void FuelToFinish_AtTheFirstLineAfterAStop_TellsWhatTheStopLeft()
    {
        var race = new ScriptedRace(totalLaps: 30, fuel: 20, tank: 60);
        race.RunLaps(2);
        race.RunTo(0.9);
        race.PitStop(refuelTo: 55);
        Assert.Equal(0, race.Count(EventKind.FuelToFinish));
        race.RunTo(0.05);                                  // the first line after the stop
        race.Run(5);
        var e = race.Single(EventKind.FuelToFinish);
        Assert.Equal(0, e.Facts.GetOrDefault(FactKey.StopsNeeded));
        Assert.Equal(Priority.Medium, e.Priority);   // part of the stop's debrief, said in a battle too
    }

    [Fact]
    public void FuelToFinish_NotAfterTheFlag()
    {
        // The fifth lap is the last: its status would be about a race already run.
        var race = new ScriptedRace(totalLaps: 5, fuel: 30, tank: 60);
        race.RunLaps(4);
        race.Run(10);
        Assert.Equal(0, race.Count(EventKind.FuelToFinish));
    }

    [Fact]
    public void FuelCritical_NotAfterTheFlag()
    {
        // 7.2 L for 3 laps at 2 L/lap: the flag is reached with the reserve; the slow-down lap burns it.
        var race = new ScriptedRace(totalLaps: 3, fuel: 7.2f, tank: 60, startProgress: 0.001);
        race.RunLaps(4);
        Assert.Equal(0, race.Count(EventKind.FuelCritical));
        Assert.Equal(0, race.Count(EventKind.FuelWarning));
    }

    [Fact]
    public void FuelWarning_NotWhenASaveReachesTheFlag()
    {
        // 0.5 L short over the last laps: a save of well under 10 % a lap is the call, not "you won't make it".
        var race = new ScriptedRace(new BrainOptions { FuelWarningLaps = 6 }, totalLaps: 10, fuel: 18.5f, tank: 60);
        race.RunLaps(5);
        Assert.Equal(0, race.Count(EventKind.FuelWarning));
        Assert.Equal(0, race.Count(EventKind.FuelCritical));
        Assert.True(race.Count(EventKind.FuelSaveTarget) >= 1);
    }

    [Fact]
    public void FuelSaveTarget_WhenTheFlagIsWithinReachBySaving()
    {
        var race = new ScriptedRace(totalLaps: 20, fuel: 38, tank: 60);
        race.RunLaps(2);
        race.Run(5);
        var e = race.Single(EventKind.FuelSaveTarget);
        Assert.InRange(e.Facts.GetOrDefault(FactKey.FuelSavePerLap), 0.03, 0.1);
        Assert.Equal(Priority.Medium, e.Priority);

        var plenty = new ScriptedRace(totalLaps: 20, fuel: 45, tank: 60);
        plenty.RunLaps(4);
        Assert.Equal(0, plenty.Count(EventKind.FuelSaveTarget));
    }

    [Fact]
    public void FuelWarning_ThenCritical_WhenTheFuelWillNotReachTheFlag()
    {
        var race = new ScriptedRace(totalLaps: 30, fuel: 9, tank: 60);
        race.RunLaps(2);
        race.Run(1);
        var warn = race.Single(EventKind.FuelWarning);
        Assert.Equal(Priority.High, warn.Priority);
        Assert.True(warn.Facts.GetOrDefault(FactKey.FuelLapsLeft) <= 3);
        Assert.Equal(0, race.Count(EventKind.FuelCritical));
        race.RunLaps(1);
        race.RunTo(0.5);
        var critical = race.Single(EventKind.FuelCritical);
        Assert.True(critical.Facts.GetOrDefault(FactKey.FuelLapsLeft) <= 1.2);
        Assert.Equal(1, race.Count(EventKind.FuelWarning));
    }

    [Fact]
    public void BeforeAnyCleanLap_NoFuelCalls()
    {
        var race = new ScriptedRace(totalLaps: 30, fuel: 1, tank: 60);
        race.RunTo(0.99);
        Assert.DoesNotContain(race.Events, e => e.Kind is >= EventKind.FuelWarning and <= EventKind.FuelSaveTarget);
    }

    [Fact]
    public void NoToTheFinishStatus_WhenTheFuelIsShortOfTheFlag()
    {
        // 20 L at 2 L a lap for 30 laps: a stop is needed, so "fuel's good to the finish" would be false.
        var race = new ScriptedRace(totalLaps: 30, fuel: 20, tank: 60);
        race.RunLaps(6);
        Assert.Equal(0, race.Count(EventKind.FuelToFinish));
    }

    [Fact]
    public void FuelWarning_SaysTheLapsToGo()
    {
        var race = new ScriptedRace(totalLaps: 30, fuel: 12, tank: 60);
        race.RunLaps(4);
        var e = Assert.Single(race.Of(EventKind.FuelWarning));
        Assert.False(double.IsNaN(e.Facts.GetOrDefault(FactKey.LapsRemaining)));
        Assert.InRange(e.Facts.GetOrDefault(FactKey.LapsRemaining), 25, 30);
    }
}
