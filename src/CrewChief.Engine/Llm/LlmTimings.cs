namespace CrewChief.Llm;

/// <summary>What one generation cost. Milliseconds are wall time from the call; -1 when the point was not reached.</summary>
public readonly record struct LlmTimings(
    int PrefixTokensDecoded,
    int PromptTokens,
    int GeneratedTokens,
    double PromptMs,
    double FirstTokenMs,
    double FirstClauseMs,
    double TotalMs)
{
    /// <summary>Prompt (fact sheet) tokens per second of prompt processing.</summary>
    public double PromptTokensPerSecond => PromptMs > 0 ? PromptTokens * 1000.0 / PromptMs : 0;

    /// <summary>Generated tokens per second after the prompt.</summary>
    public double TokensPerSecond => TotalMs > PromptMs && GeneratedTokens > 0 ? GeneratedTokens * 1000.0 / (TotalMs - PromptMs) : 0;
}
