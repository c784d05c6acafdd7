using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using CrewChief.Config;
using CrewChief.Dashboard;
using CrewChief.Demo;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Pipeline;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Dashboard;

public class DashboardServerTests
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static DashboardServer Start(DashboardState state, TranscriptFeed feed)
    {
        Assert.True(DashboardServer.TryStart(state, feed, new DashboardOptions { Port = 0 }, out var server, out string error), error);
        return server!;
    }

    [Fact]
    public async Task Page_Overlay_State_AndNotFound_AreServedOnLoopback()
    {
        var state = new DashboardState { Track = "Lime Rock Park", Position = 4, FuelLitres = 12.5f, PitCall = 1, SecondsToCallPoint = 6.2f };
        var feed = new TranscriptFeed();
        using var server = Start(state, feed);
        Assert.StartsWith("http://127.0.0.1:", server.Url);

        string page = await s_http.GetStringAsync(server.Url, TestContext.Current.CancellationToken);
        Assert.Contains("<body class=\"full\">", page);
        Assert.Contains("new EventSource(\"events\")", page);
        string overlay = await s_http.GetStringAsync(server.Url + "overlay", TestContext.Current.CancellationToken);
        Assert.Contains("<body class=\"overlay\">", overlay);
        Assert.Contains("body.overlay { background:transparent; }", overlay);

        feed.OnUtterance(new UtteranceRecord
        {
            SessionTime = 61, Kind = EventKind.FuelWarning, Priority = Priority.High, Text = "Fuel for 3 laps.", Source = "composer",
            GuardVerdict = "fallback:ungrounded", LlmNote = "named 'Turn 9', not in the facts", Outcome = "played", TotalMs = 212,
        });
        using var doc = JsonDocument.Parse(await s_http.GetStringAsync(server.Url + "state", TestContext.Current.CancellationToken));
        var s = doc.RootElement.GetProperty("state");
        Assert.Equal("Lime Rock Park", s.GetProperty("track").GetString());
        Assert.Equal(4, s.GetProperty("class_position").GetInt32());
        Assert.Equal(12.5, s.GetProperty("fuel").GetProperty("litres").GetDouble());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("fuel").GetProperty("laps_left").ValueKind);   // not known: null, never a made-up number
        Assert.Equal("AMBER", s.GetProperty("pit").GetProperty("call").GetString());
        var line = Assert.Single(doc.RootElement.GetProperty("transcript").EnumerateArray());
        Assert.Equal("fallback:ungrounded", line.GetProperty("guard").GetString());
        Assert.Equal("named 'Turn 9', not in the facts", line.GetProperty("llm_note").GetString());

        var missing = await s_http.GetAsync(server.Url + "nope", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Events_StreamAtTheConfiguredRate_EachTranscriptLineOnce()
    {
        var state = new DashboardState();
        var feed = new TranscriptFeed();
        using var server = Start(state, feed);
        using var response = await s_http.GetAsync(server.Url + "events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var seqs = new List<long>();
        int messages = 0;
        for (int i = 0; messages < 8; i++)
        {
            if (i == 2) feed.OnUtterance(new UtteranceRecord { SessionTime = 1, Kind = EventKind.SpotterCarLeft, Priority = Priority.Spotter, Text = "Car left.", Source = "composer" });
            string? line = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
            Assert.NotNull(line);
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            messages++;
            using var doc = JsonDocument.Parse(line[6..]);
            foreach (var t in doc.RootElement.GetProperty("transcript").EnumerateArray()) seqs.Add(t.GetProperty("seq").GetInt64());
        }
        Assert.Equal([1L], seqs);
    }

    [Fact]
    public void PortInUse_AndBadAddress_OneLineEach()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        Assert.False(DashboardServer.TryStart(new DashboardState(), new TranscriptFeed(), new DashboardOptions { Port = port }, out _, out string error));
        Assert.Contains($"127.0.0.1:{port}", error);
        Assert.Contains("dashboard.port", error);
        Assert.False(DashboardServer.TryStart(new DashboardState(), new TranscriptFeed(), new DashboardOptions { Bind = "localhost:80" }, out _, out error));
        Assert.Contains("not an IP address", error);
    }

    [Fact]
    public void Config_DashboardOffByDefault_TomlTurnsItOnWithPortAndBind()
    {
        Assert.False(new EngineConfig().DashboardEnabled);
        string dir = Directory.CreateTempSubdirectory("cc-dash-config").FullName;
        string path = Path.Combine(dir, "crewchief.toml");
        File.WriteAllText(path, "[dashboard]\nenabled = true\nport = 9123\nbind = \"0.0.0.0\"\n[history]\ndatabase = \"db/h.db\"\n");
        var config = EngineConfig.Load(path);
        Assert.Empty(config.Warnings);
        Assert.True(config.DashboardEnabled);
        Assert.Equal(9123, config.DashboardPort);
        Assert.Equal("0.0.0.0", config.DashboardBind);
        Assert.Equal(Path.Combine(dir, "db", "h.db"), config.HistoryPath);
    }

    /// <summary>Runs the race in lock-step; returns (ticks after warm-up, ticks among them that allocated anything).</summary>
    private static (long Ticks, long Allocating) RunLockStep(DemoHost host, RaceEngine engine, Action every600)
    {
        engine.Start(tickThread: false);
        long ticks = 0, allocating = 0, reported = 0;
        while (!host.Race.IsFinished)
        {
            host.StepOnce();
            long before = GC.GetAllocatedBytesForCurrentThread();
            engine.Tick.Step(0);
            if (GC.GetAllocatedBytesForCurrentThread() != before && engine.Tick.Ticks > 600) allocating++;
            if (engine.Tick.Ticks > 600) ticks++;
            long t = engine.Tick.Ticks;
            if (t > 0 && t % 600 == 0 && t != reported) { reported = t; every600(); }
        }
        engine.Tick.Finish();
        return (ticks, allocating);
    }

    [Fact]
    public async Task Demo_WithDashboardHistoryAndALiveClient_TickStaysAllocationFree_AndThePageFollowsTheRace()
    {
        string logDir = Directory.CreateTempSubdirectory("cc-dash-engine").FullName;
        using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
        var config = new EngineConfig { TextOnly = true, LogDir = logDir, DashboardEnabled = true, DashboardPort = 0 };
        using var engine = RaceEngine.Create(config, new LiveMapSource(host.MapPath!), new RaceEngineOptions());
        Assert.NotNull(engine.DashboardServer);
        Assert.NotNull(engine.History);
        using var response = await s_http.GetAsync(engine.DashboardServer.Url + "events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        // The page is read from another thread while the race is paused every 600 ticks (a hand-off, not a timer): the
        // lock-step loop is the tick thread, and only the tick's own allocations are counted.
        var positions = new HashSet<int>();
        var fuel = new HashSet<double>();
        using var request = new SemaphoreSlim(0);
        using var done = new SemaphoreSlim(0);
        string url = engine.DashboardServer.Url + "state";
        var token = TestContext.Current.CancellationToken;
        var poller = Task.Run(async () =>
        {
            while (await request.WaitAsync(Timeout.Infinite, token) && !host.Race.IsFinished)
            {
                using (var doc = JsonDocument.Parse(await s_http.GetStringAsync(url, token)))
                {
                    var s = doc.RootElement.GetProperty("state");
                    positions.Add(s.GetProperty("class_position").GetInt32());
                    if (s.GetProperty("fuel").GetProperty("litres").ValueKind == JsonValueKind.Number) fuel.Add(s.GetProperty("fuel").GetProperty("litres").GetDouble());
                }
                done.Release();
            }
        }, token);
        var (ticks, allocating) = RunLockStep(host, engine, () => { request.Release(); done.Wait(token); });
        request.Release();
        await poller;
        Assert.True(positions.Count > 2, $"positions seen: {string.Join(",", positions)}");
        Assert.True(fuel.Count > 5, $"fuel readings seen: {string.Join(",", fuel)}");
        // The SSE stream carried the same state while the race ran.
        using (var sse = new StreamReader(await response.Content.ReadAsStreamAsync(token)))
        {
            // Pushed 10 times a second whatever the race does: the stream reaches the current state.
            string? line;
            do line = await sse.ReadLineAsync(token); while (line is not null && !line.Contains("\"track\":\"Lime Rock Park\"", StringComparison.Ordinal));
            Assert.NotNull(line);
        }
        // Side taps copy into preallocated state and enqueue structs: a tick allocates nothing. The few that do are
        // the session-YAML changes (a few hundred bytes, README) and a lap's hand-off to the log and database threads.
        Assert.True(allocating * 200 < ticks, $"{allocating} of {ticks} ticks allocated");
    }
}
