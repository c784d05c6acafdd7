using CrewChief.Events;

namespace CrewChief.Logging;

/// <summary>One thing the engineer said (or meant to say), as the session log keeps it.</summary>
public sealed class UtteranceRecord
{
    public required double SessionTime { get; init; }
    public required EventKind Kind { get; init; }
    public required Priority Priority { get; init; }
    public required string Text { get; set; }
    /// <summary>"composer" or "llm".</summary>
    public required string Source { get; set; }
    /// <summary>"grounded", "fallback:ungrounded", "fallback:deadline", "not-checked", ...</summary>
    public string GuardVerdict { get; set; } = "not-checked";
    /// <summary>The guard's or the model's one-line reason when the LLM's sentence was not used (null otherwise).</summary>
    public string? LlmNote { get; set; }
    /// <summary>"played", "interrupted", "expired", "dropped", "superseded", "text-only".</summary>
    public string Outcome { get; set; } = "played";
    /// <summary>Milliseconds spent in each stage, in pipeline order (event→director, compose, llm, tts, playback).</summary>
    public List<KeyValuePair<string, double>> StageMs { get; } = [];
    /// <summary>Milliseconds from the tick that raised the event to the first audio sample (NaN when not played).</summary>
    public double TotalMs { get; set; } = double.NaN;
}
