using CrewChief.Strategy;
using CrewChief.Tests.Events;

namespace CrewChief.Tests.Strategy;

/// <summary>
/// The lap and fuel logic on real recordings in ../shared/telemetry/ibt. Expected burns were read independently
/// (a separate script over the raw FuelLevel/Lap channels, clean laps only: not from the pits, no tow).
/// </summary>
public class RealTelemetryFuelTests
{
    [Theory]
    [InlineData("skmodified_langley_2015-05-28_14-46-23.ibt", 2, 0.2115)]
    [InlineData("skmodified_langley_2015-05-28_14-48-39.ibt", 2, 0.2015)]
    [InlineData("skmodified_langley_2015-05-28_14-47-39.ibt", 1, 0.202)]
    [InlineData("silverado-truck_bristol.ibt", 2, 0.4305)]
    [InlineData("tour-modified_martinsville_2015.ibt", 2, 0.4565)]
    public void CleanLapFuel_MatchesTheRecording_OutLapsExcluded(string file, int cleanLaps, double perLap)
    {
        string path = SharedData.RequireTelemetry(Path.Combine("ibt", file));
        var result = FuelLapProbe.Run(MiniIbt.Read(path));
        Assert.Equal(cleanLaps, result.CleanLaps);
        Assert.Equal(perLap, result.FuelPerLap, 0.006);
        Assert.True((result.Laps[0].Flags & LapFlags.OutLap) != 0, "every file starts in the pits: the first lap is an out-lap");
    }

    [Fact]
    public void TowMidFile_IsAReset_NotARefuel()
    {
        // The car was reset to the pits at record 3434 (placeholder records, fuel back to full).
        string path = SharedData.RequireTelemetry(Path.Combine("ibt", "skmodified_langley_2015-05-28_14-50-46.ibt"));
        var result = FuelLapProbe.Run(MiniIbt.Read(path));
        Assert.Equal(2, result.CleanLaps);
        Assert.Equal(0.209, result.FuelPerLap, 0.006);
        Assert.True(result.Resets >= 1);
        Assert.All(result.Laps, l => Assert.True(l.FuelUsed < 1, $"lap {l.Lap} used {l.FuelUsed} L: a refuel leaked in"));
    }

    [Fact]
    public void AmgSebring_PlaceholderAndTow_NoLapsInvented()
    {
        string path = SharedData.RequireTelemetry(Path.Combine("ibt", "amg-gt4_sebring.ibt"));
        var result = FuelLapProbe.Run(MiniIbt.Read(path));
        Assert.Empty(result.Laps);
        Assert.Equal(0, result.CleanLaps);
        Assert.True(result.Resets >= 1);
    }
}
