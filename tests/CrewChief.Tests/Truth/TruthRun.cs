using System.Collections.Concurrent;
using System.Text.Json;
using CrewChief.App.Commands;
using CrewChief.Events;
using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Truth;

/// <summary>
/// One real recording played through the engine exactly as a user would (.ibt: the `crewchief replay FILE --fast
/// --json` command; live dump: the live reader and the tick loop `crewchief run --map` uses), judged against the
/// recording's own raw channels. Runs once per file per test process.
/// </summary>
internal sealed class TruthRun
{
    private static readonly ConcurrentDictionary<string, TruthRun> s_runs = new(StringComparer.Ordinal);

    public string File { get; }
    public RawTimeline Raw { get; }
    public List<RaisedEvent> Events { get; }
    public List<Verdict> Verdicts { get; }
    public List<Moment> Moments { get; }

    /// <summary>The replay ran with `--tyres estimate`: the live tyre estimator, what a racer hears live.</summary>
    public bool TyreEstimate { get; }

    private TruthRun(string path, bool tyreEstimate)
    {
        File = Path.GetFileName(path);
        TyreEstimate = tyreEstimate;
        Raw = new RawTimeline(RawTelemetry.Open(path));
        Events = Raw.Raw.IsLive ? RunLive(path) : RunReplay(path, tyreEstimate);
        Verdicts = TruthJudge.JudgeEvents(Raw, Events);
        Moments = TruthJudge.FindMoments(Raw);
        TruthJudge.MatchMoments(Moments, Events);
    }

    public static TruthRun For(string path, bool tyreEstimate = false) =>
        s_runs.GetOrAdd((tyreEstimate ? "estimate:" : "measured:") + path, _ => new TruthRun(path, tyreEstimate));

    /// <summary>Every real recording in ../shared/telemetry/ibt and live (whatever is there, not a fixed list).</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        string? root = SharedData.Root;
        if (root is not null)
        {
            foreach (string f in Directory.GetFiles(Path.Combine(root, "telemetry", "ibt"), "*.ibt").Order(StringComparer.Ordinal))
                data.Add(Path.Combine("ibt", Path.GetFileName(f)));
            foreach (string f in Directory.GetFiles(Path.Combine(root, "telemetry", "live"), "*.bin").Order(StringComparer.Ordinal))
                data.Add(Path.Combine("live", Path.GetFileName(f)));
        }
        if (data.Count == 0) data.Add("(../shared absent)");
        return data;
    }

    private static List<RaisedEvent> RunReplay(string path, bool tyreEstimate)
    {
        var output = new StringWriter();
        string[] args = tyreEstimate ? [path, "--fast", "--json", "--tyres", "estimate"] : [path, "--fast", "--json"];
        int code = ReplayCommand.Run(new CommandArgs(args), output);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output.ToString());
        var events = new List<RaisedEvent>();
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            var facts = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var f in e.GetProperty("facts").EnumerateObject())
                if (f.Value.ValueKind == JsonValueKind.Number) facts[f.Name] = f.Value.GetDouble();
            events.Add(new RaisedEvent(e.GetProperty("t").GetDouble(), e.GetProperty("kind").GetString()!, e.GetProperty("priority").GetString()!, facts));
        }
        return events;
    }

    private static List<RaisedEvent> RunLive(string path)
    {
        using var source = new LiveMapSource(path, parseSessionInfoInBackground: false);
        var events = new List<RaisedEvent>();
        using var loop = new TickLoop(source, new RaceBrain(), new EventRouter(), new LatestPlayerState(), new DashboardState(), null);
        loop.EventRaised = e => events.Add(new RaisedEvent(Math.Round(e.SessionTime, 3), e.Kind.ToString(), e.Priority.ToString(), FactsOf(e)));
        // A dump holds one tick; a few steps show that nothing more comes of it.
        for (int i = 0; i < 3; i++) loop.Step(0);
        return events;
    }

    private static Dictionary<string, double> FactsOf(RaceEvent e)
    {
        // The same names the replay's JSON uses, from the engine's own writer.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) RaceEventJson.Write(w, e);
        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        var facts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var f in doc.RootElement.GetProperty("facts").EnumerateObject())
            if (f.Value.ValueKind == JsonValueKind.Number) facts[f.Name] = f.Value.GetDouble();
        return facts;
    }
}
