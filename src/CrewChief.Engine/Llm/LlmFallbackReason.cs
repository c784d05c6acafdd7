namespace CrewChief.Llm;

/// <summary>Why the deterministic callout was used instead of (or after) the model's words.</summary>
public enum LlmFallbackReason : byte
{
    None = 0,
    /// <summary>The grounding guard rejected a clause (an invented number, name, claim).</summary>
    Ungrounded,
    /// <summary>The deadline passed before the model finished.</summary>
    Deadline,
    /// <summary>The caller cancelled (a newer, more urgent event took over).</summary>
    Cancelled,
    /// <summary>The model used all of MaxTokens without finishing a grammatical answer.</summary>
    TooLong,
    /// <summary>llama.cpp failed (decode error, full context).</summary>
    Error,
    /// <summary>No model loaded (library or file missing); the writer was never created.</summary>
    Unavailable,
}
