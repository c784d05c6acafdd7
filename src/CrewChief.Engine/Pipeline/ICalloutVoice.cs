namespace CrewChief.Pipeline;

/// <summary>The callout an LLM rewrite speaks into: each grounded clause as soon as it passes the guard, then the end.</summary>
public interface ICalloutVoice
{
    /// <summary>One clause (spoken form) to synthesise now.</summary>
    void Speak(string spoken);

    /// <summary>No more clauses: who wrote what was said, the guard's verdict, how long the model took, and why the
    /// LLM was overruled (one line; null when it was not).</summary>
    void Done(string source, string verdict, string text, double llmMs, string? problem = null);
}
