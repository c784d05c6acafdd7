using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

/// <summary>A whole 20-lap race with traffic, a yellow, a fuel stop and the flag: the brain's overall manners.</summary>
public class FullRaceScenarioTests
{
    private static ScriptedRace RunRace()
    {
        var race = new ScriptedRace(new BrainOptions { PitEntryPct = 0.95 }, totalLaps: 20, fuel: 30, tank: 60, startProgress: 0.001);
        for (int i = 1; i <= 11; i++) race.AddCar(i, lapsAhead: (i - 6) * 0.012, lapTime: 59.4 + (i % 4) * 0.4);
        race.Frame.SessionState = SessionState.ParadeLaps;
        race.Run(2);
        race.Frame.SessionState = SessionState.Racing;
        for (int lap = 0; lap < 20; lap++)
        {
            if (lap == 7) race.Frame.SessionFlags = SessionFlags.Yellow;
            if (lap == 8) race.Frame.SessionFlags = SessionFlags.Green;
            if (lap == 19) race.Frame.SessionFlags |= SessionFlags.Checkered;
            race.RunLaps(1, r => r.Frame.CarLeftRight = r.Progress % 1 is > 0.2 and < 0.203 ? CarLeftRight.CarLeft : CarLeftRight.Clear);
            var plan = race.Brain.Snapshot.Fuel;
            if (plan.StopsNeeded > 0 && plan.LapsOfFuel < 2.5) { race.RunTo(0.95); race.PitStop(refuelTo: 40); }
        }
        return race;
    }

    [Fact]
    public void WholeRace_SaysEachMilestoneOnce_AndStaysQuietEnough()
    {
        var race = RunRace();
        Assert.Equal(1, race.Count(EventKind.RaceStart));
        Assert.Equal(1, race.Count(EventKind.YellowFlag));
        Assert.Equal(1, race.Count(EventKind.GreenFlag));
        Assert.Equal(1, race.Count(EventKind.FinalLap));
        Assert.Equal(1, race.Count(EventKind.Chequered));
        Assert.Equal(1, race.Count(EventKind.RejoinEstimate));
        Assert.Equal(1, race.Count(EventKind.PitExit));
        Assert.True(race.Count(EventKind.SpotterCarLeft) >= 15);

        var routine = race.Events.FindAll(e => e.Priority < Priority.Critical);
        double minutes = (race.Frame.SessionTime - 100) / 60;
        Assert.True(routine.Count / minutes <= 3, $"{routine.Count} routine calls in {minutes:F0} min");
        for (int i = 1; i < routine.Count; i++)
            Assert.True(routine[i].SessionTime - routine[i - 1].SessionTime >= 4 - 1e-6, $"{routine[i - 1].Kind} then {routine[i].Kind} inside the global cooldown");
    }

    [Fact]
    public void WholeRace_NoAttackOrDefendOnAZeroGap()
    {
        var race = RunRace();
        foreach (var e in race.Events)
        {
            if (e.Kind == EventKind.Attack) Assert.True(e.Facts.GetOrDefault(FactKey.GapAhead) > 0.1);
            if (e.Kind == EventKind.Defend) Assert.True(e.Facts.GetOrDefault(FactKey.GapBehind) > 0.1);
        }
    }
}
