using System.Globalization;
using System.Text.Json;
using CrewChief.Races;
using CrewChief.Telemetry;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief replay RACE --car NUMBER [--speed N | --fast] [--summary] [--json] [--as-sim [--restart-after S]]: a real race's timing (WEC CSV,
/// iRacing lap-chart JSON) or a live NDJSON recording, written into a live map and run through the whole engine
/// from one car's seat. The work is in <see cref="RaceReplayRunner"/>; this only reads the flags and prints.
/// </summary>
internal static class RaceReplayCommand
{
    /// <summary>Race seconds per frame when flat out: enough for every line crossing and pit visit, few enough
    /// that 24 hours replay in seconds.</summary>
    public const double FastStepSeconds = 0.25;

    /// <summary>True when the file to replay is race timing or a live recording rather than an .ibt.</summary>
    public static bool Handles(CommandArgs args)
    {
        // Ask the boolean flags first so that a word after them counts as the positional it is.
        args.Flag("--fast"); args.Flag("--summary"); args.Flag("--json");
        string? path = args.Positional(0);
        if (path is null) return false;
        string ext = Path.GetExtension(path);
        return ext.Equals(".csv", StringComparison.OrdinalIgnoreCase) || ext.Equals(".json", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".ndjson", StringComparison.OrdinalIgnoreCase);
    }

    private static IReplayedSession Open(string path, string? car, bool fast, double? speed)
    {
        if (Path.GetExtension(path).Equals(".ndjson", StringComparison.OrdinalIgnoreCase)) return new NdjsonRecording(path);
        if (car is null) throw new InputException($"{path}: say whose race to replay with --car NUMBER (the car number as the timing writes it, e.g. --car 51).");
        var timing = RaceTiming.Load(path);
        double step = fast ? FastStepSeconds : Math.Max(1.0 / 60, (speed ?? 1.0) / 60);
        return new TimedRace(timing, car, step);
    }

    public static int Run(CommandArgs args, TextWriter output)
    {
        bool fast = args.Flag("--fast");
        bool summaryOnly = args.Flag("--summary");
        bool json = args.Flag("--json");
        double? speed = args.Number("--speed");
        string? car = args.String("--car");
        string? mapPath = args.String("--map");
        bool asSim = args.Flag("--as-sim");
        double? restartAfter = args.Number("--restart-after");
        if (restartAfter is not null && !(asSim && restartAfter > 0)) throw new InputException("--restart-after S (race seconds above 0) goes with --as-sim.");
        if (asSim && (fast || summaryOnly || json)) throw new InputException("--as-sim runs at a real pace for another process to read: give --speed, not --fast, --summary or --json.");
        var config = ConfigFlags.Load(args);
        args.ThrowOnUnknown();
        string path = args.RequiredPositional(0, "the race file to replay");
        if (fast && speed is not null) throw new InputException("--speed and --fast cannot be used together; pick one.");
        if (speed is not null && !(speed > 0 && speed <= 10_000))
            throw new InputException($"--speed must be between 0 and 10000 (1 = real time), got {speed.Value.ToString(CultureInfo.InvariantCulture)}.");
        summaryOnly |= json;

        IReplayedSession session = Open(path, car, fast, speed);
        if (asSim)
        {
            // Only the sim: the race published where a second process running 'crewchief run' finds it. A restart
            // replays the race again from its start, as a racer rejoining a server would see it.
            var sim = new SimStandIn((n, writer) => new RaceReplayHost(n == 0 ? session : Open(path, car, fast, speed), speed ?? 1.0, writer),
                mapPath, output);
            using var stop = new Pipeline.ShutdownSignals();
            int published = sim.Run(restartAfter, stop.Token);
            output.WriteLine($"sim: done, {published} session(s) published");
            return 0;
        }
        if (!summaryOnly) output.WriteLine($"replay: {session.Description}, {(fast ? "flat out" : $"{(speed ?? 1).ToString(CultureInfo.InvariantCulture)}x")}. Ctrl+C stops.");

        using var shutdown = new Pipeline.ShutdownSignals();
        var result = RaceReplayRunner.Run(session, config, new RaceReplayOptions
        {
            Speed = fast ? 0 : speed ?? 1.0,
            MapPath = mapPath,
            Transcript = summaryOnly ? null : output,
            Speak = !fast && !summaryOnly,
            SessionLog = !summaryOnly,
        }, shutdown.Token);

        if (json)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                RaceReplayJson.Write(w, path, session, result);
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
        }
        else
        {
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"{Path.GetFileName(path)}: {session.Description}"));
            output.WriteLine(string.Create(c, $"  finish       P{result.FinishPosition} overall, P{result.FinishClassPosition} in class, {result.LapsCompleted} laps, {result.PitRoadEntries} pit visits"));
            output.WriteLine(string.Create(c, $"  engine       {result.Events.Count} events, {result.Callouts} callouts, {result.Ticks} ticks in {result.WallSeconds:0.00} s, {result.AllocBytesPerTick:0.##} B per tick{(result.Cancelled ? " (stopped early)" : "")}"));
        }
        return 0;
    }
}
