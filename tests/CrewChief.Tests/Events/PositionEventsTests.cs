using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class PositionEventsTests
{
    private static ScriptedRace Race(double startProgress = 1.001, BrainOptions? options = null)
    {
        var race = new ScriptedRace(options, startProgress: startProgress) { AutoPositions = false };
        race.Frame.PlayerCarClassPosition = race.Frame.PlayerCarPosition = 5;
        return race;
    }

    [Fact]
    public void Gained_IsCalledOnceTheOrderSettles()
    {
        var race = Race();
        race.Run(1);
        race.Frame.PlayerCarClassPosition = 4;
        race.Run(1);
        Assert.Equal(0, race.Count(EventKind.PositionGained));
        race.Run(1.5);
        var e = race.Single(EventKind.PositionGained);
        Assert.Equal(4, e.Facts.GetOrDefault(FactKey.Position));
        Assert.Equal(5, e.Facts.GetOrDefault(FactKey.PreviousPosition));
        Assert.Equal(1, e.Facts.GetOrDefault(FactKey.PositionsChanged));
        Assert.Equal(Priority.Medium, e.Priority);
    }

    [Fact]
    public void Lost_IsCalled_AndABackAndForthIsNot()
    {
        var race = Race();
        race.Run(1);
        race.Frame.PlayerCarClassPosition = 6;
        race.Run(0.5);
        race.Frame.PlayerCarClassPosition = 5; // re-passed before it settled
        race.Run(5);
        Assert.Empty(race.Events);
        race.Frame.PlayerCarClassPosition = 7;
        race.Run(3);
        Assert.Equal(-2, race.Single(EventKind.PositionLost).Facts.GetOrDefault(FactKey.PositionsChanged));
    }

    [Fact]
    public void LapOneShuffle_BecomesOneCall_AtTheEndOfTheLap()
    {
        var race = Race(startProgress: 0.001);
        race.Run(1);
        foreach (int p in new[] { 3, 4, 8, 2, 3 })
        {
            race.Frame.PlayerCarClassPosition = p;
            race.Run(5);
        }
        Assert.Empty(race.Events);
        race.RunLaps(1);
        race.Run(3);
        var e = race.Single(EventKind.PositionGained);
        Assert.Equal(3, e.Facts.GetOrDefault(FactKey.Position));
        Assert.Equal(2, e.Facts.GetOrDefault(FactKey.PositionsChanged));
    }

    [Fact]
    public void Cooldown_SecondChangeSoonAfter_IsHeldUntilTheCooldownEnds()
    {
        var race = Race();
        race.Run(1);
        race.Frame.PlayerCarClassPosition = 4;
        race.Run(2.5);
        race.Frame.PlayerCarClassPosition = 3;
        race.Run(3);
        Assert.Equal(1, race.Count(EventKind.PositionGained)); // 8 s per-kind cooldown
        race.Run(6);
        var calls = race.Of(EventKind.PositionGained);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].SessionTime - calls[0].SessionTime >= 8 - 1e-6);
        Assert.Equal(3, calls[1].Facts.GetOrDefault(FactKey.Position));
    }

    [Fact]
    public void NotRacing_NoPositionCalls()
    {
        var race = Race();
        race.Frame.SessionState = SessionState.Warmup;
        race.Run(1);
        race.Frame.PlayerCarClassPosition = 2;
        race.Run(5);
        Assert.Empty(race.Events);
    }

    [Fact]
    public void LowVerbosity_DropsMediumCalls()
    {
        var race = Race(options: new BrainOptions { Verbosity = Verbosity.Low });
        race.Run(1);
        race.Frame.PlayerCarClassPosition = 2;
        race.Run(5);
        Assert.Empty(race.Events);
    }
}
