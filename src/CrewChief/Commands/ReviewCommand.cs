using CrewChief.Config;
using CrewChief.Pipeline;
using CrewChief.Review;
using CrewChief.Telemetry;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief review LOG.jsonl.gz|FILE.ibt [--out report.html]: the post-session review as one offline HTML file.
/// An .ibt is first run through the whole engine (text-only, flat out) into a session log, then reviewed.
/// </summary>
internal static class ReviewCommand
{
    public const string Usage = """
          review LOG.jsonl.gz | FILE.ibt [--out report.html]
                               one self-contained HTML review (opens offline): lap times with PB and pit
                               laps, fuel per lap against the model, gaps and position, tyre estimate
                               against measurements, flags, incidents and every callout with its latency
        """;

    public static int Run(CommandArgs args)
    {
        string? outPath = args.String("--out");
        var config = ConfigFlags.Load(args);
        args.ThrowOnUnknown();
        string input = args.RequiredPositional(0, "the session log (logs/*.jsonl.gz) or .ibt file to review");
        if (!File.Exists(input)) throw InputException.ForFile(input, "no such file; give a session log (logs/*.jsonl.gz) or an .ibt.");
        if (!ReviewReport.HasCharts)
            throw new InputException("this build has no charting library inside: run 'bash scripts/setup.sh' (it fetches uPlot), then build again.");

        string log = input;
        string? temp = null;
        if (input.EndsWith(".ibt", StringComparison.OrdinalIgnoreCase))
        {
            temp = Path.Combine(Path.GetTempPath(), $"crewchief-review-{Environment.ProcessId}");
            log = ReplayThroughEngine(input, config, temp);
        }
        try
        {
            var data = SessionLogReader.Read(log);
            outPath ??= DefaultOut(input);
            using (var file = File.Create(outPath)) ReviewReport.Write(data, file);
            Console.WriteLine($"review: {outPath} ({data.Laps.Count} laps, {data.Samples.Count} samples, {data.Callouts.Count} callouts{(data.Truncated ? "; the log was cut short, shown up to where it ends" : "")})");
        }
        finally
        {
            if (temp is not null) try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
        }
        return 0;
    }

    private static string DefaultOut(string input)
    {
        string name = Path.GetFileName(input);
        foreach (string ext in (ReadOnlySpan<string>)[".jsonl.gz", ".ibt"])
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) { name = name[..^ext.Length]; break; }
        return name + ".review.html";
    }

    /// <summary>Runs an .ibt through the engine flat out, text-only, with a session log in <paramref name="logDir"/>; returns the log.</summary>
    internal static string ReplayThroughEngine(string ibt, EngineConfig config, string logDir)
    {
        config.LogDir = logDir;
        config.TextOnly = true;
        config.HistoryEnabled = false;
        config.DashboardEnabled = false;
        using var shutdown = new ShutdownSignals();
        var engine = RaceEngine.Create(config, new IbtReplaySource(ibt, IbtReplaySource.AsFastAsPossible), new RaceEngineOptions { Speak = false });
        try
        {
            engine.Start();
            engine.RunToEnd(TimeSpan.FromSeconds(5), shutdown.Token);
        }
        finally
        {
            engine.Dispose();
        }
        return engine.Log?.Path ?? throw new InputException($"{logDir}: could not write the session log for the review.");
    }
}
