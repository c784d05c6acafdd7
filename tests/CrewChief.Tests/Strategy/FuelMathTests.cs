using CrewChief.Strategy;

namespace CrewChief.Tests.Strategy;

public class FuelMathTests
{
    [Theory]
    [InlineData(0.003, 0.01)]   // a shortfall too small for the spoken figure is still a save, never "save 0.00"
    [InlineData(0.11, 0.11)]
    [InlineData(0.111, 0.12)]   // rounded up: saving the spoken figure makes it
    [InlineData(0, 0)]
    public void SpokenSave_IsRoundedUpToTheSpokenHundredth(double save, double spoken) =>
        Assert.Equal(spoken, FuelMath.SpokenSave(save), 9);

    [Fact]
    public void TimedLapsRemaining_LeaderMustFinishTheLapInProgress_AddsTheExtraLap()
    {
        // 250 s left at 100 s laps, just past the line: naive 2.5 laps, but the leader crosses at 300 s and takes the flag
        // only then, so the player (here the leader) drives three.
        Assert.Equal(3.0, FuelMath.TimedLapsRemaining(250, 0, 100, 0, 100), 9);
    }

    [Fact]
    public void TimedLapsRemaining_FasterLeaderAhead_PlayerFinishesTheLapTheyAreOnWhenTheLeaderCrosses()
    {
        // Leader at 90 % on 95 s laps: to the line 9.5 s, then ceil(290.5 / 95) = 4 laps -> flag at 389.5 s.
        // Player at 20 % on 100 s laps reaches 0.2 + 3.895 = 4.095 laps by then, so finishes at the end of lap 5: 4.8 to go.
        Assert.Equal(4.8, FuelMath.TimedLapsRemaining(300, 0.2, 100, 0.9, 95), 9);
    }

    [Fact]
    public void TimedLapsRemaining_ClockBelowTheLeadersLap_EndsAtTheLeadersLine()
    {
        Assert.Equal(0.5, FuelMath.TimedLapsRemaining(10, 0.5, 100, 0.5, 100), 9);
    }

    [Fact]
    public void TimedLapsRemaining_UnknownLapTime_IsNaN()
    {
        Assert.True(double.IsNaN(FuelMath.TimedLapsRemaining(300, 0.5, 0, 0.5, 100)));
    }

    [Fact]
    public void Plan_OneStop_GivesWindowFuelToAddAndStops()
    {
        // 10 of 30 laps done, 30 L on board, 2.5 L/lap, 60 L tank, 1 L reserve: 51 L to finish, one stop adding 21 L.
        var plan = FuelMath.Plan(fuelNow: 30, perLap: 2.5, lapsRemaining: 20, tank: 60, reserve: 1, lapsCompleted: 10, pct: 0, maxSaveFraction: 0.1);
        Assert.Equal(51, plan.FuelToFinish, 9);
        Assert.Equal(1, plan.StopsNeeded);
        Assert.Equal(21, plan.FuelToAdd, 9);
        Assert.Equal(12, plan.LapsOfFuel, 9);
        // A full tank (59 L usable) covers 23.6 laps, so any lap from 7 on works -> open now (lap 11); fuel lasts to the end of lap 22.
        Assert.Equal(11, plan.WindowOpenLap);
        Assert.Equal(22, plan.WindowCloseLap);
        Assert.True(double.IsNaN(plan.SavePerLap)); // 21 L short is far beyond saving
    }

    [Fact]
    public void Plan_WindowOpensWhenOneTankReachesTheFlag()
    {
        // 40 laps done of 80 with 50 L; a stop adds at most 60 L (59 usable = 23.6 laps): earliest stop at the end of lap 57.
        var plan = FuelMath.Plan(50, 2.5, 40, 60, 1, 40, 0, 0.1);
        Assert.Equal(1, plan.StopsNeeded);
        Assert.Equal(57, plan.WindowOpenLap);
        Assert.Equal(60, plan.WindowCloseLap);
    }

    [Fact]
    public void Plan_NoStopNeeded_HasNoWindowAndNothingToAdd()
    {
        var plan = FuelMath.Plan(60, 2.5, 20, 60, 1, 10, 0, 0.1);
        Assert.Equal(0, plan.StopsNeeded);
        Assert.Equal(0, plan.FuelToAdd);
        Assert.Equal(-1, plan.WindowOpenLap);
        Assert.Equal(0, plan.SavePerLap);
    }

    [Fact]
    public void StopsNeeded_LongRun_CountsTanks()
    {
        // 151 L to finish with 10 on board: 141 L short, 60 L per stop -> 3 stops.
        Assert.Equal(3, FuelMath.StopsNeeded(10, FuelMath.FuelToFinish(60, 2.5, 1), 60));
    }

    [Fact]
    public void SavePerLap_SmallShortfall_GivesTheTarget()
    {
        // 48.6 L for 20 laps at 2.5 + 1 L reserve = 51 L: 2.4 L short -> save 0.12 L a lap (under 10 % of 2.5).
        Assert.Equal(0.12, FuelMath.SavePerLap(48.6, 20, 2.5, 1, 0.1), 9);
        var plan = FuelMath.Plan(48.6, 2.5, 20, 60, 1, 10, 0, 0.1);
        Assert.Equal(0.12, plan.SavePerLap, 9);
    }

    [Fact]
    public void SavePerLap_TooBigToSave_IsNaN_AndEnoughFuel_IsZero()
    {
        Assert.True(double.IsNaN(FuelMath.SavePerLap(40, 20, 2.5, 1, 0.1)));
        Assert.Equal(0, FuelMath.SavePerLap(55, 20, 2.5, 1, 0.1));
    }
}
