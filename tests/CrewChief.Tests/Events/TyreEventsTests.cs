using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Brain;

public class TyreEventsTests
{
    private static void Measure(ScriptedRace race, float tempC, float remaining)
    {
        Array.Fill(race.Frame.TyreTemp, tempC);
        Array.Fill(race.Frame.TyreWear, remaining);
    }

    [Fact]
    public void ColdOutOfThePits_ThenOptimal_EachOncePerStint()
    {
        var race = new ScriptedRace();
        race.Run(2);
        Measure(race, 35, 1f);
        race.PitStop();
        race.Run(6); // after the pit-exit call's global cooldown
        var cold = race.Single(EventKind.TyreCold);
        Assert.Equal(-1, cold.Facts.GetOrDefault(FactKey.TyreCorner));
        Assert.True(cold.Facts.GetOrDefault(FactKey.TyreTemp) < 60);
        Assert.True(cold.Facts.GetOrDefault(FactKey.Confidence) > 0.9);
        race.Run(90);
        var optimal = race.Single(EventKind.TyreOptimal);
        Assert.True(optimal.Facts.GetOrDefault(FactKey.TyreTemp) >= 60);
        Assert.Equal(1, race.Count(EventKind.TyreCold));
    }

    [Fact]
    public void WarmTyresAtExit_NoColdCall()
    {
        var race = new ScriptedRace();
        Measure(race, 80, 1f);
        race.PitStop();
        race.Run(60);
        Assert.Equal(0, race.Count(EventKind.TyreCold));
        Assert.Equal(0, race.Count(EventKind.TyreOptimal));
    }

    [Fact]
    public void Hot_WhenTheLoadKeepsThemAboveTheLimit()
    {
        var race = new ScriptedRace { CorneringAccel = 12 };
        race.Run(60);
        Assert.Equal(0, race.Count(EventKind.TyreHot));
        race.CorneringAccel = 35;
        race.Run(120);
        var hot = race.Single(EventKind.TyreHot);
        Assert.True(hot.Facts.GetOrDefault(FactKey.TyreTemp) > 105);
        Assert.InRange(hot.Facts.GetOrDefault(FactKey.TyreCorner), 0, 3);
    }

    [Fact]
    public void WearWarning_ThenCritical_FromTheEstimateAfterAMeasurement()
    {
        var race = new ScriptedRace();
        Measure(race, 85, 0.43f); // 57 % worn when the crew last looked
        race.PitStop();
        race.Run(10);
        Assert.Equal(0, race.Count(EventKind.TyreWearWarning));
        race.Run(600);
        var warn = race.Single(EventKind.TyreWearWarning);
        Assert.Equal(Priority.High, warn.Priority);
        Assert.True(warn.Facts.GetOrDefault(FactKey.TyreWear) >= 60);
        Assert.True(warn.Facts.GetOrDefault(FactKey.Confidence) < 1);

        var worn = new ScriptedRace();
        Measure(worn, 85, 0.22f);
        worn.PitStop();
        worn.Run(300);
        var critical = worn.Single(EventKind.TyreWearCritical);
        Assert.Equal(Priority.Critical, critical.Priority);
        Assert.True(worn.Single(EventKind.TyreWearWarning).SessionTime < critical.SessionTime); // 78 % is past the warning already
    }

    [Fact]
    public void NewTyres_NoWearCalls()
    {
        var race = new ScriptedRace();
        race.Run(300);
        Assert.Equal(0, race.Count(EventKind.TyreWearWarning));
        Assert.Equal(0, race.Count(EventKind.TyreWearCritical));
    }
}
