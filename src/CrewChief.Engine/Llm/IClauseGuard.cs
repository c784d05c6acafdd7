namespace CrewChief.Llm;

/// <summary>
/// Decides whether one generated clause may be spoken: every number, name and claim in it must come from the
/// event's facts. Called on the generation thread as soon as a clause is complete, so it must be quick.
/// </summary>
public interface IClauseGuard
{
    /// <returns>True when the clause is grounded; otherwise false with a short reason in <paramref name="problem"/>.</returns>
    bool Accept(string clause, out string? problem);
}
