using CrewChief.Events;

namespace CrewChief.Tests.Events;

public class PaceEventsTests
{
    [Fact]
    public void PersonalBest_WhenALapBeatsThePreviousBest_NotOnTheFirstLap()
    {
        var race = new ScriptedRace();
        race.RunLaps(3);
        Assert.Equal(0, race.Count(EventKind.PersonalBest));
        race.LapTime = 59;
        race.RunLaps(1);
        race.LapTime = 60;
        race.RunLaps(1);
        var pb = race.Single(EventKind.PersonalBest);
        Assert.InRange(pb.Facts.GetOrDefault(FactKey.LapTime), 58.9, 59.9);
    }

    [Fact]
    public void PaceDropping_WhenLapsKeepGettingSlower()
    {
        var race = new ScriptedRace();
        race.RunLaps(2);
        for (int i = 0; i < 5; i++)
        {
            race.LapTime = 60 + 0.5 * i;
            race.RunLaps(1);
        }
        var e = race.Single(EventKind.PaceDropping);
        Assert.True(e.Facts.GetOrDefault(FactKey.PaceTrend) >= 0.25);
        Assert.Equal(0, race.Count(EventKind.PaceImproving));
    }

    [Fact]
    public void PaceImproving_WhenLapsKeepGettingFaster_SteadyPaceSaysNothing()
    {
        var race = new ScriptedRace();
        race.RunLaps(2);
        for (int i = 0; i < 5; i++)
        {
            race.LapTime = 62 - 0.5 * i;
            race.RunLaps(1);
        }
        Assert.Equal(1, race.Count(EventKind.PaceImproving));

        var steady = new ScriptedRace();
        steady.RunLaps(8);
        Assert.Equal(0, steady.Count(EventKind.PaceImproving));
        Assert.Equal(0, steady.Count(EventKind.PaceDropping));
        Assert.Equal(0, steady.Count(EventKind.PersonalBest));
    }
}
