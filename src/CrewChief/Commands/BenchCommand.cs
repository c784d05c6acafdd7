using System.Globalization;
using System.Text.Json;
using CrewChief.Demo;
using CrewChief.Logging;
using CrewChief.Pipeline;
using CrewChief.Playback;
using CrewChief.Telemetry;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief bench latency [--demo | --replay FILE] [--minutes M] [--speed N] [engine flags] [--json]: the design
/// card's latency harness. Drives the whole pipeline (live reader → brain → director → speech → playback on the
/// OpenAL loopback device, or a WAV sink with --out) in real time and reports event → first audio sample by
/// priority class and by stage, plus the tick cost.
/// </summary>
internal static class BenchCommand
{
    public const string Usage = """
          bench latency [--demo | --replay FILE] [--minutes M] [--speed N] [--voice PATH] [--model PATH] [--json]
                               end-to-end latency harness: p50/p95/p99 event -> first audio sample, by class and stage
        """;

    public static int Run(CommandArgs args)
    {
        string sub = args.RequiredPositional(0, "bench name (latency)");
        if (sub != "latency") throw new InputException($"unknown bench '{sub}' (latency). BenchmarkDotNet micro-benchmarks live in bench/.");
        string? replay = args.String("--replay");
        bool demo = args.Flag("--demo") || replay is null;
        double minutes = args.Number("--minutes") ?? 5;
        double speed = args.Number("--speed") ?? 1;
        bool json = args.Flag("--json");
        var config = ConfigFlags.Load(args);
        args.ThrowOnUnknown();
        if (!(speed > 0 && speed <= 100)) throw new InputException("--speed must be above 0 and at most 100 (latency needs real time; 1 is the honest figure).");
        if (replay is not null && !File.Exists(replay)) throw InputException.ForFile(replay, "no such .ibt file.");

        DemoHost? host = null;
        ITelemetrySource source;
        if (replay is not null) source = new IbtReplaySource(replay, speed, skipPlaceholders: false);
        else
        {
            host = new DemoHost(new DemoOptions { Minutes = Math.Clamp(minutes, DemoOptions.MinMinutes, DemoOptions.MaxMinutes) }, speed);
            source = new LiveMapSource(host.MapPath!);
        }
        using var shutdown = new ShutdownSignals();
        var engine = RaceEngine.Create(config, source, new RaceEngineOptions
        {
            SessionLog = false,
            // Loopback renders through the real OpenAL mixer into memory; --out measures the WAV sink instead.
            ForceOutput = config.WavOut is null ? PlaybackOutput.Loopback : null,
        });
        try
        {
            if (!json) foreach (string line in engine.Status) Console.Error.WriteLine($"crewchief: {line}");
            engine.Start();
            if (host is not null)
            {
                shutdown.Token.Register(host.Stop);
                host.Start();
                while (!host.WaitForFinish(TimeSpan.FromMilliseconds(200)) && !shutdown.Token.IsCancellationRequested) { }
                engine.Tick.Stop();
                engine.Director.WaitIdle(TimeSpan.FromSeconds(10));
            }
            else engine.RunToEnd(TimeSpan.FromSeconds(10), shutdown.Token);
        }
        finally
        {
            engine.Dispose();
            host?.Dispose();
        }

        if (json) WriteJson(engine, demo ? "demo" : Path.GetFileName(replay!), speed);
        else WriteText(engine, speed);
        return 0;
    }

    private static void WriteJson(RaceEngine engine, string source, double speed)
    {
        using var stdout = Console.OpenStandardOutput();
        using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("source", source);
        w.WriteNumber("speed", speed);
        Class(w, "spotter", engine.Stats.Spotter);
        Class(w, "critical", engine.Stats.Critical);
        Class(w, "routine", engine.Stats.Routine);
        w.WriteStartObject("stages");
        foreach (string name in LatencyStats.StageNames)
        {
            var h = engine.Stats.Stages[name];
            w.WriteStartObject(name);
            Number(w, "p50_ms", h.Percentile(50));
            Number(w, "p95_ms", h.Percentile(95));
            w.WriteNumber("n", h.Count);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        Number(w, "tick_us", engine.Tick.MeanTickMicros);
        Number(w, "alloc_bytes_per_tick", engine.Tick.AllocBytesPerTick);
        w.WriteString("speech", engine.Speech?.Description ?? "none (text-only)");
        w.WriteString("playback", engine.Playback?.OutputDescription ?? "none");
        w.WriteEndObject();
        w.Flush();
        stdout.WriteByte((byte)'\n');
    }

    private static void Class(Utf8JsonWriter w, string name, LatencyHistogram h)
    {
        w.WriteStartObject(name);
        Number(w, "p50_ms", h.Percentile(50));
        Number(w, "p95_ms", h.Percentile(95));
        Number(w, "p99_ms", h.Percentile(99));
        w.WriteNumber("n", h.Count);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        JsonNumbers.Write(w, name, v, 3);
    }

    private static void WriteText(RaceEngine engine, double speed)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"latency, event raised -> first audio sample ({engine.Speech?.Description ?? "text-only"}, {speed}x):"));
        foreach (var h in (ReadOnlySpan<LatencyHistogram>)[engine.Stats.Spotter, engine.Stats.Critical, engine.Stats.Routine])
            Console.WriteLine(string.Create(c, $"  {h.Name,-9} p50 {h.Percentile(50),8:0.0} ms  p95 {h.Percentile(95),8:0.0} ms  p99 {h.Percentile(99),8:0.0} ms  n={h.Count}"));
        Console.WriteLine("by stage:");
        foreach (string name in LatencyStats.StageNames)
        {
            var h = engine.Stats.Stages[name];
            Console.WriteLine(string.Create(c, $"  {name,-9} p50 {h.Percentile(50),8:0.00} ms  p95 {h.Percentile(95),8:0.00} ms  n={h.Count}"));
        }
        Console.WriteLine(string.Create(c, $"tick {engine.Tick.MeanTickMicros:0.00} µs, {engine.Tick.AllocBytesPerTick:0.##} B allocated per tick"));
    }
}
