namespace CrewChief.Radio;

/// <summary>One reply on the radio.</summary>
/// <param name="Intent">What it answers (None: not understood).</param>
/// <param name="Text">Written form, digits ("1.4 laps of fuel").</param>
/// <param name="Spoken">The same for the voice ("one point four laps of fuel").</param>
/// <param name="Known">False when the state lacks what was asked ("I don't have that yet") or nothing was understood.</param>
public sealed record RadioAnswer(RadioIntent Intent, string Text, string Spoken, bool Known)
{
    /// <summary>The facts a question's answer was composed from (null for commands and "say again").</summary>
    public RadioDraft? Draft { get; init; }

    /// <summary>Whose words: "template" (the grounded composer) or "llm" (rephrased, passed the guard).</summary>
    public string Source { get; init; } = "template";

    /// <summary>The rewrite's verdict when the LLM was asked ("grounded", "fallback:guard", "fallback:timeout", ...), else null.</summary>
    public string? LlmVerdict { get; init; }

    /// <summary>How long the LLM took when it was asked (0 when not).</summary>
    public double LlmMs { get; init; }
}
