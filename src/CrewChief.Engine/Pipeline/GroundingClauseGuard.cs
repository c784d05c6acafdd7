using CrewChief.Callouts;
using CrewChief.Llm;

namespace CrewChief.Pipeline;

/// <summary>The LLM's clause guard: the callouts' strict grounding check against one event's facts.</summary>
public sealed class GroundingClauseGuard(GroundingFacts facts) : IClauseGuard
{
    public bool Accept(string clause, out string? problem)
    {
        var verdict = GroundingCheck.Check(clause, facts);
        problem = verdict.IsGrounded ? null : verdict.ToString();
        return verdict.IsGrounded;
    }
}
