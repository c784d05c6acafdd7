using CrewChief.Events;

namespace CrewChief.Pipeline;

/// <summary>
/// Per-stage and per-class latency histograms, event raised → first audio sample. Classes are the ones the latency
/// budget is written for: spotter, critical, routine.
/// </summary>
public sealed class LatencyStats
{
    public static readonly string[] StageNames = ["queue", "compose", "llm", "tts", "playback"];

    public LatencyHistogram Spotter { get; } = new("spotter");
    public LatencyHistogram Critical { get; } = new("critical");
    public LatencyHistogram Routine { get; } = new("routine");
    public Dictionary<string, LatencyHistogram> Stages { get; } = BuildStages();

    private static Dictionary<string, LatencyHistogram> BuildStages()
    {
        var d = new Dictionary<string, LatencyHistogram>(StringComparer.Ordinal);
        foreach (string s in StageNames) d[s] = new LatencyHistogram(s);
        return d;
    }

    public LatencyHistogram ForPriority(Priority p) => p switch
    {
        Priority.Spotter => Spotter,
        Priority.Critical => Critical,
        _ => Routine,
    };

    public void RecordStage(string stage, double ms)
    {
        if (Stages.TryGetValue(stage, out var h)) h.Record(ms);
    }
}
