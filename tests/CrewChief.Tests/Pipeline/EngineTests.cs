using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using CrewChief.Config;
using CrewChief.Demo;
using CrewChief.Events;
using CrewChief.Logging;
using CrewChief.Pipeline;
using CrewChief.Playback;
using CrewChief.Speech;
using CrewChief.Telemetry;
using CrewChief.Tests.Playback;
using CrewChief.Tests.Speech;

namespace CrewChief.Tests.Pipeline;

public class EngineTests
{
    private static EngineConfig TextOnlyConfig(string logDir) => new() { TextOnly = true, LogDir = logDir };

    [Fact]
    public void DemoLockStep_DirectorStalled_TheTickAllocatesNothing()
    {
        // The whole engine as 'run' builds it (radio, session log, race records; the database off only to keep the
        // test's folder clean), lock-step so every run reads the same frames. After a warm-up the director stops
        // taking (its transcript consumer stalls), so the router's lanes fill and drop for the rest of the race: the
        // lag a loaded machine causes now and then, made certain. Each lane's buffer used to grow on the tick thread
        // the first time a backlog reached a new depth (1.3-5.4 KB each time; 2.3 B a tick over a race under the
        // full suite's load).
        const int warmup = 600;
        string logDir = Directory.CreateTempSubdirectory("cc-alloc").FullName;
        using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
        using var transcript = new StallingWriter();
        var config = new EngineConfig { TextOnly = true, LogDir = logDir, HistoryEnabled = false };
        Assert.True(config.RadioEnabled);
        using var engine = RaceEngine.Create(config, new LiveMapSource(host.MapPath!), new RaceEngineOptions { Transcript = transcript });
        engine.Start(tickThread: false);
        long ticks = 0, bytes = 0, allocatingTicks = 0;
        while (!host.Race.IsFinished)
        {
            host.StepOnce();
            if (ticks == warmup) transcript.Stall();
            // Only the engine's step is counted: the sim's YAML building runs on this thread too, and is the sim's.
            long before = GC.GetAllocatedBytesForCurrentThread();
            engine.Tick.Step(0);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (++ticks <= warmup || allocated == 0) continue;
            bytes += allocated;
            allocatingTicks++;
        }
        engine.Tick.Finish();
        long dropped = engine.Router.Dropped;
        transcript.Release();
        Assert.True(ticks > 10_000, $"{ticks} ticks");
        Assert.True(dropped > 0, "the director never fell behind: nothing was tested");
        Assert.True(bytes == 0, $"{bytes} B on {allocatingTicks} of {ticks - warmup} ticks ({dropped} events dropped)");
    }

    [Fact]
    public void DemoLockStep_TextOnly_SpeaksEveryEventAndLogsTheSession()
    {
        string logDir = Directory.CreateTempSubdirectory("cc-engine").FullName;
        using var host = new DemoHost(new DemoOptions { Minutes = 5 }, speed: 0);
        var transcript = new StringWriter();
        var events = new List<RaceEvent>();
        string logPath;
        using (var engine = RaceEngine.Create(TextOnlyConfig(logDir), new LiveMapSource(host.MapPath!), new RaceEngineOptions { Transcript = transcript }))
        {
            engine.Tick.EventRaised = e => events.Add(e);
            engine.Start(tickThread: false);
            while (!host.Race.IsFinished)
            {
                host.StepOnce();
                engine.Tick.Step(0);
            }
            engine.Tick.Finish();
            Assert.True(engine.Director.WaitIdle(TimeSpan.FromSeconds(20)));
            logPath = engine.Log!.Path;
            Assert.Equal(events.Count, engine.Director.Handled);
        }
        Assert.True(events.Count > 20, $"only {events.Count} events: {string.Join(", ", events.Select(e => e.Kind))}");
        Assert.Contains(events, e => e.Kind == EventKind.SpotterCarLeft);
        Assert.Contains(events, e => e.Kind == EventKind.BoxThisLap);
        Assert.Contains(events, e => e.Kind == EventKind.Chequered);
        int flag = events.FindIndex(e => e.Kind == EventKind.Chequered);
        foreach (var e in events.Skip(flag + 1))
        {
            // After the flag: no battle, gap, fuel or tyre advice on the cool-down lap.
            Assert.True(e.Priority == Priority.Spotter || e.Kind is EventKind.PersonalBest or EventKind.PitEntry or EventKind.PitLimiterMissing
                or EventKind.YellowFlag or EventKind.BlackFlag, $"{e.Kind} after the chequered flag");
        }
        string text = transcript.ToString();
        Assert.Contains("spotter: ", text);
        Assert.Contains("Box", text);

        using var gz = new GZipStream(File.OpenRead(logPath), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var types = new Dictionary<string, int>();
        while (reader.ReadLine() is { } line)
        {
            string type = JsonDocument.Parse(line).RootElement.GetProperty("type").GetString()!;
            types[type] = types.GetValueOrDefault(type) + 1;
        }
        Assert.Equal(1, types["session"]);
        Assert.True(types["sample"] > 200);
        Assert.Equal(events.Count, types["event"]);
        Assert.Equal(events.Count, types["utterance"]);
    }

    [Fact]
    public void Director_SpotterFromCache_CriticalSynthesised_BothReachTheLoopbackDevice()
    {
        SpeechNatives.RequireEspeak();
        PlaybackTestKit.RequireOpenAl();
        Assert.True(SpeechVoices.TryCreate(new SpeechOptions(), [], out var synth, out string status), status);
        Assert.True(synth.Cache.WaitUntilWarm(TimeSpan.FromSeconds(60)));
        using var speech = new SpeechOutput(synth);
        using var playback = new PlaybackStage(new PlaybackOptions { Output = PlaybackOutput.Loopback, SampleRate = synth.SampleRate, RadioBeep = false });
        var router = new EventRouter();
        var stats = new LatencyStats();
        string logDir = Directory.CreateTempSubdirectory("cc-director").FullName;
        string logPath;
        using (var log = new SessionLog(logDir, "director"))
        {
            using (var ledger = new CalloutLedger(stats, new DashboardState(), log, playback))
            using (var director = new Director(router, new LatestPlayerState(), ledger, new DirectorOutputs { Speech = speech, Playback = playback }))
            {
                director.Start();
                router.Post(new RaceEvent(EventKind.SpotterCarLeft, Priority.Spotter, 10, Stopwatch.GetTimestamp(), 10, default)); // a generous TTL: this asserts the path, not the timing
                Assert.True(director.WaitIdle(TimeSpan.FromSeconds(20)));
                var facts = new FactSet();
                facts.Set(FactKey.FuelLapsLeft, 1.1);
                router.Post(new RaceEvent(EventKind.FuelCritical, Priority.Critical, 11, Stopwatch.GetTimestamp(), 20, facts));
                Assert.True(director.WaitIdle(TimeSpan.FromSeconds(30)));
            }
            logPath = log.Path;
        }
        Assert.Equal(1, stats.Spotter.Count);
        Assert.Equal(1, stats.Critical.Count);
        Assert.Equal(1, stats.Stages["tts"].Count); // the spotter call came from the phrase cache: no synthesis

        using var gz = new GZipStream(File.OpenRead(logPath), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var outcomes = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var root = JsonDocument.Parse(line).RootElement;
            if (root.GetProperty("type").GetString() == "utterance") outcomes.Add(root.GetProperty("outcome").GetString()!);
        }
        Assert.Equal(["played", "played"], outcomes);
    }

    [Fact]
    public void Director_ExpiredEvent_IsNeverSpoken()
    {
        var router = new EventRouter();
        var transcript = new StringWriter();
        using var ledger = new CalloutLedger(new LatencyStats(), new DashboardState(), null, null, transcript);
        using var director = new Director(router, new LatestPlayerState(), ledger, new DirectorOutputs());
        director.Start();
        long longAgo = Stopwatch.GetTimestamp() - 10 * Stopwatch.Frequency;
        router.Post(new RaceEvent(EventKind.GapClosing, Priority.Medium, 5, longAgo, 1, default));
        Assert.True(director.WaitIdle(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, director.Handled);
        Assert.Equal("", transcript.ToString());
    }
}
