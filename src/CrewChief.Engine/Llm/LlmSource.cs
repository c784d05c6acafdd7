namespace CrewChief.Llm;

/// <summary>Whose words <see cref="LlmResult.Text"/> holds.</summary>
public enum LlmSource : byte
{
    /// <summary>Nothing was (or is to be) spoken: cancelled before any clause.</summary>
    None = 0,
    /// <summary>Only the model's grounded clauses.</summary>
    Llm,
    /// <summary>Only the deterministic callout.</summary>
    Deterministic,
    /// <summary>Streaming: some grounded clauses were already spoken, then the deterministic callout.</summary>
    Mixed,
}
