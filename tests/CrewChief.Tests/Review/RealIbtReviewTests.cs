using CrewChief.App.Commands;
using CrewChief.Config;
using CrewChief.Review;

namespace CrewChief.Tests.Review;

/// <summary>
/// The review of real recordings (../shared/telemetry/ibt) run through the whole engine: its clean laps and their
/// fuel match the burns read independently from the raw FuelLevel/Lap channels (the same pinned values as
/// RealTelemetryFuelTests, which come from a separate script, not from this code).
/// </summary>
public class RealIbtReviewTests
{
    [Theory]
    [InlineData("silverado-truck_bristol.ibt", 2, 0.4305)]
    [InlineData("tour-modified_martinsville_2015.ibt", 2, 0.4565)]
    public void ReviewOfARealIbt_CleanLapFuel_MatchesTheRecording(string file, int cleanLaps, double perLap)
    {
        string path = SharedData.RequireTelemetry(Path.Combine("ibt", file));
        string logDir = Directory.CreateTempSubdirectory("cc-review-ibt").FullName;
        string log = ReviewCommand.ReplayThroughEngine(path, new EngineConfig(), logDir);
        var data = SessionLogReader.Read(log);
        var clean = data.Laps.Where(l => l.Clean && l.FuelUsed > 0).ToList();
        Assert.Equal(cleanLaps, clean.Count);
        Assert.Equal(perLap, clean.Average(l => l.FuelUsed), 0.006);
        Assert.True(data.Laps[0].Pit, "every file starts in the pits: the first lap is an out-lap, marked as a pit lap");
        Assert.All(clean, l => Assert.True(l.Time > 10 && l.Time < 60, $"lap {l.Lap}: {l.Time} s"));
        // An .ibt holds only the player's car: no gap is ever invented.
        Assert.All(data.Samples, s => Assert.True(double.IsNaN(s.GapAhead) && double.IsNaN(s.GapBehind)));
    }
}
