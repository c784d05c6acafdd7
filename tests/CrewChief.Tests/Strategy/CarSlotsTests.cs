using CrewChief.Telemetry;
using CrewChief.Tests.Events;

namespace CrewChief.Tests.Strategy;

/// <summary>
/// The per-car loops stop at <c>RaceStrategy.CarSlots</c>, one past the highest CarIdx seen in the world: a car that
/// joins in a slot far above the field is still seen, and one that leaves is still seen leaving.
/// </summary>
public class CarSlotsTests
{
    [Fact]
    public void ACarJoiningInAHighSlot_IsCountedFromItsFirstTick()
    {
        var race = new ScriptedRace();
        race.AddCar(1, -0.05, 60);
        race.Run(5);
        Assert.Equal(2, race.Brain.Strategy.CarSlots);

        race.AddCar(50, 0.02, 60);
        race.Tick();

        var strategy = race.Brain.Strategy;
        Assert.Equal(51, strategy.CarSlots);
        Assert.Equal(50, strategy.Gaps.CarAheadIdx);
        Assert.Equal(1, strategy.Gaps.CarBehindIdx);
    }

    [Fact]
    public void ACarLeaving_KeepsItsSlotInTheLoops_SoItsStateIsCleared()
    {
        var race = new ScriptedRace();
        race.AddCar(1, -0.05, 60).AddCar(40, 0.02, 60);
        race.Run(5);
        Assert.Equal(40, race.Brain.Strategy.Gaps.CarAheadIdx);

        // The car disconnects: its slot goes out of the world, the bound stays.
        race.Frame.SessionTime += 1 / ScriptedRace.Hz;
        race.Frame.CarIdxTrackSurface[40] = TrackSurface.NotInWorld;
        race.Frame.CarIdxLapDistPct[40] = -1;
        race.Brain.Tick(race.Frame, race.Info, race.Timestamp);

        Assert.Equal(41, race.Brain.Strategy.CarSlots);
        Assert.Equal(-1, race.Brain.Strategy.Gaps.CarAheadIdx);
        Assert.Equal(0f, race.Brain.Strategy.Rivals.Probabilities[40]);
    }
}
