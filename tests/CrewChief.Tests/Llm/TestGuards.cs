using System.Globalization;
using System.Text.RegularExpressions;
using CrewChief.Events;
using CrewChief.Llm;

namespace CrewChief.Tests.Llm;

/// <summary>Accepts everything and records what it saw, in order.</summary>
internal sealed class RecordingGuard : IClauseGuard
{
    public List<string> Seen { get; } = [];

    public Action<string>? OnClause { get; init; }

    public bool Accept(string clause, out string? problem)
    {
        Seen.Add(clause);
        OnClause?.Invoke(clause);
        problem = null;
        return true;
    }
}

/// <summary>A stand-in for the callouts helper's grounding check: every number must be one of the event's facts.</summary>
internal sealed partial class NumbersFromFactsGuard(FactSet facts) : IClauseGuard
{
    public bool Accept(string clause, out string? problem)
    {
        foreach (Match m in Number().Matches(clause))
        {
            double n = double.Parse(m.Value, CultureInfo.InvariantCulture);
            bool known = false;
            for (int i = 0; i < facts.Count; i++) known |= Math.Abs(facts[i].Value - n) < 1e-9;
            if (!known)
            {
                problem = $"{m.Value} is not in the facts";
                return false;
            }
        }
        problem = null;
        return true;
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Number();
}
