using CrewChief.Events;
using CrewChief.Llm;

namespace CrewChief.Bench.Llm;

/// <summary>
/// The event, draft and answer every LLM benchmark uses. Random weights would ramble until the grammar's limit,
/// so the answer is forced by a grammar to a realistic 16-word, three-clause callout: the token count is the same
/// on every run and the figures compare across machines.
/// </summary>
internal static class LlmBenchCase
{
    public const string Draft = "Gap to the car ahead is 1.2 seconds, you are closing 0.3 a lap.";

    public const string Answer = "Gap ahead is 1.2 seconds, closing 0.3 a lap, keep pushing. You are fourth.";

    public static RaceEvent Event()
    {
        var facts = new FactSet();
        facts.Set(FactKey.GapAhead, 1.2);
        facts.Set(FactKey.ClosingRate, 0.3);
        facts.Set(FactKey.Position, 4);
        facts.Set(FactKey.LapsRemaining, 12);
        return new RaceEvent(EventKind.GapClosing, Priority.Medium, 1000, 0, 10, facts);
    }

    public static LlmOptions Options(string modelPath, int threads) => new()
    {
        ModelPath = modelPath,
        GpuLayers = 0,
        Threads = threads,
        ContextSize = 1024,
        MaxTokens = 64,
        Deadline = TimeSpan.FromMinutes(5),
        Grammar = $"root ::= \"{Answer}\"",
    };

    public sealed class AcceptAll : IClauseGuard
    {
        public bool Accept(string clause, out string? problem)
        {
            problem = null;
            return true;
        }
    }
}
