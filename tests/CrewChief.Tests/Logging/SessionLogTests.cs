using System.IO.Compression;
using System.Text.Json;
using CrewChief.Events;
using CrewChief.Logging;

namespace CrewChief.Tests.Logging;

public class SessionLogTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("cc-log").FullName;

    private static List<JsonElement> ReadLines(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var list = new List<JsonElement>();
        while (reader.ReadLine() is { } line) list.Add(JsonDocument.Parse(line).RootElement.Clone());
        return list;
    }

    private static void WriteRace(SessionLog log)
    {
        log.WriteSession(new SessionHeader("Spa", "road course", "Audi R8 LMS GT3", "GT3", ["mid-engine", "high downforce"], "Race"));
        var sample = new LogSample { SessionTime = 61, Lap = 3, LapPct = 0.5f, Position = 4, FuelLapsRemaining = 2.4f, GapAhead = 0.8f, GapBehind = float.NaN, BestLapTime = 138.2f };
        log.TryWriteSample(sample);
        var facts = new FactSet();
        facts.Set(FactKey.FuelLapsLeft, 2.4);
        log.TryWriteEvent(new RaceEvent(EventKind.FuelWarning, Priority.High, 61.2, 0, 10, facts));
        log.TryWriteUtterance(new UtteranceRecord { SessionTime = 61.2, Kind = EventKind.FuelWarning, Priority = Priority.High, Text = "Fuel for 2.4 laps. Box next lap.", Source = "composer", GuardVerdict = "grounded" });
        log.TryWriteUtterance(new UtteranceRecord { SessionTime = 61.5, Kind = EventKind.SpotterCarLeft, Priority = Priority.Spotter, Text = "Car left.", Source = "composer" });
        log.TryWriteUtterance(new UtteranceRecord { SessionTime = 62, Kind = EventKind.GapClosing, Priority = Priority.Medium, Text = "Gap 9 seconds.", Source = "llm", GuardVerdict = "fallback:ungrounded" });
    }

    [Fact]
    public void Dispose_FlushesEveryRecord_AsGzipJsonLines()
    {
        string dir = TempDir();
        string path;
        using (var log = new SessionLog(dir, "Spa Race"))
        {
            WriteRace(log);
            path = log.Path;
        }
        var lines = ReadLines(path);
        Assert.Equal(6, lines.Count);
        Assert.Equal("session", lines[0].GetProperty("type").GetString());
        Assert.Equal("sample", lines[1].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("gap_behind").ValueKind);
        Assert.Equal(2.4, lines[2].GetProperty("facts").GetProperty("FuelLapsLeft").GetDouble());
        Assert.Equal("Fuel for 2.4 laps. Box next lap.", lines[3].GetProperty("text").GetString());
        Assert.EndsWith(".jsonl.gz", path);
    }

    [Fact]
    public void ExportTraining_KeepsOnlyPlayedGroundedEngineerCalls()
    {
        string dir = TempDir();
        string path;
        using (var log = new SessionLog(dir, "spa"))
        {
            WriteRace(log);
            path = log.Path;
        }
        using var output = new MemoryStream();
        int n = TrainingExport.Export([path], output);
        Assert.Equal(1, n);
        var record = JsonDocument.Parse(output.ToArray()).RootElement;
        Assert.Equal("Fuel for 2.4 laps. Box next lap.", record.GetProperty("output").GetString());
        var input = JsonDocument.Parse(record.GetProperty("input").GetString()!).RootElement;
        Assert.Equal("Spa", input.GetProperty("track").GetString());
        Assert.Equal(4, input.GetProperty("position").GetInt32());
        Assert.Equal(2.4, input.GetProperty("fuel_laps_remaining").GetDouble(), 3);
        Assert.False(string.IsNullOrEmpty(record.GetProperty("instruction").GetString()));
    }

    [Fact]
    public void Export_MissingFile_IsOneLineInputError()
    {
        var e = Assert.Throws<InputException>(() => TrainingExport.Export(["/nonexistent/x.jsonl.gz"], Stream.Null));
        Assert.Equal("/nonexistent/x.jsonl.gz: folder /nonexistent not found; check the path", e.Message);
    }
}
