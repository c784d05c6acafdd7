using System.Text.Json;
using CrewChief.App.Commands;

namespace CrewChief.Tests.Telemetry;

public class TelemetryCommandTests
{
    [Fact]
    public void ReplayFastSummaryJson_AmgSebring_PrintsOneObjectWithTheContractFields()
    {
        string path = TelemetryFiles.IbtPath("amg-gt4_sebring.ibt");
        var output = new StringWriter();
        int code = ReplayCommand.Run(new CommandArgs([path, "--fast", "--summary", "--json"]), output);
        Assert.Equal(0, code);
        string text = output.ToString().Trim();
        Assert.DoesNotContain('\n', text);
        using var doc = JsonDocument.Parse(text);
        var r = doc.RootElement;
        foreach (string field in new[] { "file", "track", "car", "session_type", "records", "records_in_world", "duration_s",
                     "laps_completed", "fuel_first", "fuel_last", "fuel_used", "fuel_per_lap", "best_lap_s", "max_speed_kph",
                     "pit_road_entries", "pit_road_exits", "ticks_per_second", "alloc_bytes_per_tick" })
            Assert.True(r.TryGetProperty(field, out _), field);
        Assert.Equal(path, r.GetProperty("file").GetString());
        Assert.Equal("Sebring International Raceway", r.GetProperty("track").GetString());
        Assert.Equal(2683, r.GetProperty("records").GetInt32());
        Assert.Equal(2681, r.GetProperty("records_in_world").GetInt32());
        Assert.Equal(0, r.GetProperty("laps_completed").GetInt32());
        Assert.Equal(75.0, r.GetProperty("fuel_first").GetDouble(), 1e-4);
        Assert.Equal(74.9976, r.GetProperty("fuel_last").GetDouble(), 1e-4);
        Assert.Equal(JsonValueKind.Array, r.GetProperty("fuel_per_lap").ValueKind);
        // The file's only "entry" is the tow back into the stall (a placeholder run, record 2405): no pit entry.
        Assert.Equal(0, r.GetProperty("pit_road_entries").GetInt32());
        Assert.Equal(1, r.GetProperty("pit_road_exits").GetInt32());
        Assert.True(r.GetProperty("ticks_per_second").GetDouble() > 0);
    }

    [Fact]
    public void ReplayJson_Silverado_CountsLapsAndFuelPerCompletedLap()
    {
        var output = new StringWriter();
        ReplayCommand.Run(new CommandArgs([TelemetryFiles.IbtPath("silverado-truck_bristol.ibt"), "--fast", "--summary", "--json"]), output);
        using var doc = JsonDocument.Parse(output.ToString());
        var r = doc.RootElement;
        Assert.Equal(3, r.GetProperty("laps_completed").GetInt32());
        // Three crossings: the lap before the first is partial, so two full laps.
        Assert.Equal(2, r.GetProperty("fuel_per_lap").GetArrayLength());
        foreach (var lap in r.GetProperty("fuel_per_lap").EnumerateArray()) Assert.InRange(lap.GetDouble(), 0.3, 0.6);
        Assert.InRange(r.GetProperty("best_lap_s").GetDouble(), 14.5, 16.0);
        Assert.Equal(0, r.GetProperty("pit_road_entries").GetInt32());
        Assert.Equal(1, r.GetProperty("pit_road_exits").GetInt32());
    }

    [Fact]
    public void ReplayText_PrintsAReadableSummary()
    {
        var output = new StringWriter();
        ReplayCommand.Run(new CommandArgs([TelemetryFiles.IbtPath("skmodified_langley_2015-05-28_14-46-23.ibt"), "--fast", "--summary"]), output);
        string text = output.ToString();
        Assert.Contains("Langley Speedway", text);
        Assert.Contains("3 completed", text);
    }

    [Theory]
    [InlineData("ibt/amg-gt4_sebring.ibt", "\"layout\": \"ibt\"")]
    [InlineData("live/skipbarber_longbeach.bin", "\"layout\": \"live\"")]
    public void InspectJson_TellsTheLayouts_Apart(string relative, string expected)
    {
        string path = SharedData.RequireTelemetry(relative);
        var output = new StringWriter();
        Assert.Equal(0, InspectCommand.Run(new CommandArgs([path, "--json", "--vars", "--yaml"]), output));
        string text = output.ToString();
        Assert.Contains(expected, text);
        using var doc = JsonDocument.Parse(text);
        Assert.True(doc.RootElement.GetProperty("variables").GetArrayLength() > 100);
        Assert.Contains("WeekendInfo", doc.RootElement.GetProperty("session_yaml").GetString());
    }

    [Fact]
    public void InspectText_LiveDump_ListsVariables_AndNoDiskSubHeader()
    {
        var output = new StringWriter();
        InspectCommand.Run(new CommandArgs([TelemetryFiles.LivePath("skipbarber_longbeach.bin"), "--vars"]), output);
        string text = output.ToString();
        Assert.Contains("live memory map", text);
        Assert.Contains("CarIdxLapDistPct", text);
        Assert.DoesNotContain("\ndisk  ", text);
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("inspect")]
    public void BadFiles_AreOneLineInputErrors_NamingTheFile(string verb)
    {
        foreach (string name in new[] { "invalid-test-file.ibt", "varheader-fragment-192-bytes.ibt" })
        {
            string path = SharedData.RequireTelemetry(Path.Combine("bad", name));
            var e = Assert.Throws<InputException>(() => CommandTable.Dispatch([verb, path]));
            AssertOneLineNaming(path, e);
        }
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("inspect")]
    public void MissingFile_IsAnInputError(string verb)
    {
        string path = Path.Combine(Path.GetTempPath(), $"crewchief-missing-{Guid.NewGuid():N}.ibt");
        var e = Assert.Throws<InputException>(() => CommandTable.Dispatch([verb, path]));
        AssertOneLineNaming(path, e);
        Assert.Contains("not found", e.Message);
    }

    [Theory]
    [InlineData(100)]          // inside the header
    [InlineData(20_000)]       // inside the variable table
    [InlineData(1_000_003)]    // mid-record
    public void TruncatedIbt_IsAnInputError(int keep)
    {
        string source = TelemetryFiles.IbtPath("amg-gt4_sebring.ibt");
        string path = Path.Combine(Path.GetTempPath(), $"crewchief-truncated-{Guid.NewGuid():N}.ibt");
        using (var input = File.OpenRead(source))
        using (var output = File.Create(path))
        {
            var buffer = new byte[keep];
            input.ReadExactly(buffer);
            output.Write(buffer);
        }
        try
        {
            var e = Assert.Throws<InputException>(() => CommandTable.Dispatch(["replay", path, "--fast", "--summary"]));
            AssertOneLineNaming(path, e);
            Assert.Contains("truncated", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void EmptyFile_IsAnInputError()
    {
        string path = Path.Combine(Path.GetTempPath(), $"crewchief-empty-{Guid.NewGuid():N}.ibt");
        File.WriteAllBytes(path, []);
        try
        {
            var e = Assert.Throws<InputException>(() => CommandTable.Dispatch(["inspect", path]));
            AssertOneLineNaming(path, e);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReplayOfALiveDump_IsAnInputError()
    {
        string path = TelemetryFiles.LivePath("skipbarber_longbeach.bin");
        var e = Assert.Throws<InputException>(() => CommandTable.Dispatch(["replay", path, "--fast"]));
        AssertOneLineNaming(path, e);
    }

    [Fact]
    public void SpeedAndFast_Together_IsAnInputError()
    {
        var e = Assert.Throws<InputException>(() => CommandTable.Dispatch(["replay", "x.ibt", "--fast", "--speed", "4"]));
        Assert.Contains("--speed", e.Message);
    }

    private static void AssertOneLineNaming(string path, InputException e)
    {
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
