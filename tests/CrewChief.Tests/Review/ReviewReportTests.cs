using System.IO.Compression;
using System.Text;
using CrewChief.Config;
using CrewChief.Demo;
using CrewChief.Pipeline;
using CrewChief.Review;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Review;

public class ReviewReportTests
{
    /// <summary>A whole 5-minute demo race in lock-step, text-only, with its session log; shared by the tests here.</summary>
    private static readonly Lazy<string> s_demoLog = new(() =>
    {
        string logDir = Directory.CreateTempSubdirectory("cc-review").FullName;
        using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
        using var engine = RaceEngine.Create(new EngineConfig { TextOnly = true, LogDir = logDir, HistoryEnabled = false }, new LiveMapSource(host.MapPath!), new RaceEngineOptions());
        engine.Start(tickThread: false);
        while (!host.Race.IsFinished) { host.StepOnce(); engine.Tick.Step(0); }
        engine.Tick.Finish();
        engine.Director.WaitIdle(TimeSpan.FromSeconds(20));
        return engine.Log!.Path;
    });

    [Fact]
    public void DemoLog_HasLapsStopTyresFlagsAndCallouts_TheReviewEmbedsChartsAndData()
    {
        var data = SessionLogReader.Read(s_demoLog.Value);
        Assert.False(data.Truncated);
        Assert.False(data.LapsDerived);
        Assert.Equal("Lime Rock Park", data.Track);
        Assert.True(data.Laps.Count >= 4, $"{data.Laps.Count} laps");
        Assert.Contains(data.Laps, l => l.Pit);
        Assert.Contains(data.Laps, l => l.Clean && l.FuelUsed > 0 && l.FuelEstimate > 0);
        Assert.NotEmpty(data.PitStops);
        Assert.NotEmpty(data.TyreMeasurements);
        Assert.Contains(data.Events, e => e.Kind == "YellowFlag");
        Assert.Contains(data.Callouts, c => c.TotalMs >= 0 && c.Text.Length > 0);
        Assert.True(data.BestLap > 40 && data.BestLap < 80, $"best {data.BestLap}");

        if (!ReviewReport.HasCharts) Assert.Skip("this build has no uPlot inside (run scripts/setup.sh before building); the HTML part is skipped.");
        using var html = new MemoryStream();
        ReviewReport.Write(data, html);
        string text = Encoding.UTF8.GetString(html.ToArray());
        Assert.Contains("uPlot", text);
        Assert.Contains(".uplot", text);                   // its CSS, inlined
        Assert.DoesNotContain("/*REVIEW_DATA*/", text);
        Assert.DoesNotContain("/*UPLOT_JS*/", text);
        Assert.DoesNotContain("src=\"http", text);          // self-contained: nothing fetched
        Assert.Contains("\"track\":\"Lime Rock Park\"", text);
    }

    [Fact]
    public void TruncatedLog_KeepsWhatCameBefore_AndSaysSo()
    {
        byte[] whole = File.ReadAllBytes(s_demoLog.Value);
        string cut = Path.Combine(Directory.CreateTempSubdirectory("cc-review-cut").FullName, "cut.jsonl.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        var data = SessionLogReader.Read(cut);
        Assert.True(data.Truncated);
        Assert.NotEmpty(data.Samples);

        string junk = Path.Combine(Path.GetDirectoryName(cut)!, "junk.jsonl.gz");
        File.WriteAllText(junk, "not gzip at all");
        var e = Assert.Throws<InputException>(() => SessionLogReader.Read(junk));
        Assert.Contains("junk.jsonl.gz", e.Message);
    }

    [Fact]
    public void OlderLogWithoutLapRecords_GetsLapsFromTheSamples()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("cc-review-old").FullName, "old.jsonl.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
        {
            w.WriteLine("""{"type":"session","track":"Spa","car":"BMW M4 GT3","session_type":"Race"}""");
            double fuel = 60;
            for (int t = 0; t < 400; t++)
            {
                int lap = 1 + t / 130;
                fuel -= 0.025;
                w.WriteLine($$"""{"type":"sample","t":{{t}},"lap":{{lap}},"position":3,"fuel_l":{{fuel.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"gap_ahead":1.5,"gap_behind":null,"tire_wear":{"fl":1,"fr":1,"rl":1,"rr":1},"incident_count":0,"on_pit_road":false}""");
            }
        }
        var data = SessionLogReader.Read(path);
        Assert.True(data.LapsDerived);
        Assert.Equal(2, data.Laps.Count);                  // laps 1→2 and 2→3 complete, lap 1's start is not seen as a crossing
        Assert.Equal(130 * 0.025, data.Laps[1].FuelUsed, 3);
    }
}
