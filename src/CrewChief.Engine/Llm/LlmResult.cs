namespace CrewChief.Llm;

/// <summary>The outcome of one callout generation.</summary>
/// <param name="Text">What to speak (non-streaming) or what was spoken (streaming).</param>
/// <param name="Source">Whose words <paramref name="Text"/> holds.</param>
/// <param name="Reason">Why it fell back; None when the model's answer was used.</param>
/// <param name="Problem">The guard's or llama.cpp's one-line reason, when there is one.</param>
public sealed record LlmResult(string Text, LlmSource Source, LlmFallbackReason Reason, string? Problem, LlmTimings Timings)
{
    public bool FellBack => Reason != LlmFallbackReason.None;
}
