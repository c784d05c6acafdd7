using System.Text.Json;
using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Llm;
using CrewChief.Pipeline;
using CrewChief.Tests.Callouts;
using CrewChief.Tests.Llm;
using CrewChief.Tools.Eval;

namespace CrewChief.Tests.Tools;

/// <summary>
/// The eval through the LLM path on the random-weight tiny model: whatever noise it writes, nothing ungrounded
/// reaches the report, and every fallback is counted. Forced grammars pin the model's words where the behaviour
/// depends on them.
/// </summary>
public sealed class LlmEvalWriterTests
{
    private static string CasesPath => Path.Combine(SharedData.RepoRoot, "eval", "cases.jsonl");

    private static readonly string[] s_reasons = ["ungrounded", "deadline", "cancelled", "too_long", "error"];

    private static LlmCalloutWriter Create(string? grammar = null, int maxTokens = 96)
    {
        TinyModel.RequireNatives();
        // A deadline far beyond any run: a slow CI machine must not turn the figures into deadline fallbacks.
        var options = new LlmOptions
        {
            ModelPath = TinyModel.Path,
            Threads = 1,
            Deadline = TimeSpan.FromMinutes(2),
            MaxTokens = maxTokens,
            Grammar = grammar,
        };
        Assert.True(LlmCalloutWriter.TryCreate(options, out var writer, out string error), error);
        return writer;
    }

    private static (RaceEvent[] Events, CalloutContext Ctx) FuelCritical()
    {
        var e = CalloutFixtures.Event(EventKind.FuelCritical, Priority.Critical,
            (FactKey.FuelLapsLeft, 1.4), (FactKey.LapsRemaining, 12), (FactKey.Position, 5));
        return ([e], CalloutFixtures.Context("BMW M4 GT3", "spa up"));
    }

    [Fact]
    public void Run_TinyModelOnTenCases_NothingUngroundedAndEveryFallbackCounted()
    {
        using var llm = Create();
        List<EvalCase> cases = EvalCaseReader.ReadFile(CasesPath).Take(10).ToList();
        var writer = new LlmEvalWriter(llm, "llm:tiny.gguf");

        EvalReport report = EvalRunner.Run(cases, writer);
        EvalReport composer = EvalRunner.Run(cases, new ComposerCalloutWriter());

        Assert.Equal(0, report.Ungrounded);
        Assert.Equal(writer.Fallbacks, report.Fallbacks);
        Assert.Equal(report.Fallbacks, report.FallbackReasons.Values.Sum());
        Assert.Equal(cases.Count, writer.Fallbacks + writer.CountOf(LlmFallbackReason.None));
        Assert.Equal(writer.CountOf(LlmFallbackReason.Ungrounded), report.FallbackReasons.GetValueOrDefault("ungrounded"));
        for (int i = 0; i < cases.Count; i++)
        {
            EvalCaseResult r = report.Cases[i];
            if (r.Fallback is null) continue;
            Assert.Contains(r.Fallback, s_reasons);
            // A fallback speaks exactly what the composer alone would have said.
            Assert.Equal(composer.Cases[i].Response, r.Response);
            Assert.Equal(composer.Cases[i].Spoken, r.Spoken);
        }
    }

    [Fact]
    public void WriteJson_LlmRun_SummaryHasWriterFallbacksAndReasons()
    {
        using var llm = Create(grammar: """root ::= "Box in 7 laps." """);
        List<EvalCase> cases = EvalCaseReader.ReadFile(CasesPath).Take(3).ToList();
        EvalReport report = EvalRunner.Run(cases, new LlmEvalWriter(llm, "llm:tiny.gguf"));

        using var ms = new MemoryStream();
        report.WriteJson(ms);
        using var doc = JsonDocument.Parse(ms.ToArray());
        JsonElement summary = doc.RootElement.GetProperty("summary");
        Assert.Equal("llm:tiny.gguf", summary.GetProperty("writer").GetString());
        Assert.Equal(report.Fallbacks, summary.GetProperty("fallbacks").GetInt32());
        int listed = 0;
        foreach (JsonProperty p in summary.GetProperty("fallback_reasons").EnumerateObject()) listed += p.Value.GetInt32();
        Assert.Equal(report.Fallbacks, listed);
        Assert.True(doc.RootElement.GetProperty("cases")[0].TryGetProperty("fallback", out _));

        var text = new StringWriter();
        report.WriteText(text);
        Assert.Contains($"fell back to the draft in {report.Fallbacks} of 3 cases", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GroundedAnswer_UsesTheModelsWords()
    {
        using var llm = Create(grammar: """root ::= "Box now, easy on the in-lap." """);
        var writer = new LlmEvalWriter(llm, "llm:tiny.gguf");
        var (events, ctx) = FuelCritical();

        Callout c = writer.Write(events, ctx);

        Assert.Equal("Box now, easy on the in-lap.", c.Text);
        Assert.Equal(SpokenText.From(c.Text), c.Spoken);
        Assert.Equal(EventKind.FuelCritical, c.Kind);
        Assert.Null(writer.LastFallback);
        Assert.Equal(1, writer.CountOf(LlmFallbackReason.None));
        Assert.Equal(0, writer.Fallbacks);
    }

    [Fact]
    public void Write_InventedNumber_SpeaksTheDraftAndCountsUngrounded()
    {
        using var llm = Create(grammar: """root ::= "Box in 7 laps." """);
        var writer = new LlmEvalWriter(llm, "llm:tiny.gguf");
        var (events, ctx) = FuelCritical();
        Callout draft = new CalloutComposer().Compose(events, ctx);

        Callout c = writer.Write(events, ctx);

        Assert.Equal(draft.Text, c.Text);
        Assert.Equal("ungrounded", writer.LastFallback);
        Assert.Equal(1, writer.CountOf(LlmFallbackReason.Ungrounded));
        Assert.Equal(1, writer.Fallbacks);
    }

    [Fact]
    public void Write_AnswerLongerThanMaxTokens_SpeaksTheDraftAndCountsTooLong()
    {
        using var llm = Create(grammar: """root ::= "Box now, box now, box now, easy on the in-lap, nothing silly." """, maxTokens: 3);
        var writer = new LlmEvalWriter(llm, "llm:tiny.gguf");
        var (events, ctx) = FuelCritical();

        Callout c = writer.Write(events, ctx);

        Assert.Equal(new CalloutComposer().Compose(events, ctx).Text, c.Text);
        Assert.Equal("too_long", writer.LastFallback);
        Assert.Equal(1, writer.CountOf(LlmFallbackReason.TooLong));
    }

    [Fact]
    public void Write_CancelledBeforeItStarts_SpeaksTheDraftAndCountsCancelled()
    {
        using var llm = Create();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var writer = new LlmEvalWriter(llm, "llm:tiny.gguf", cancellationToken: cts.Token);
        var (events, ctx) = FuelCritical();

        Callout c = writer.Write(events, ctx);

        Assert.Equal(new CalloutComposer().Compose(events, ctx).Text, c.Text);
        Assert.Equal("cancelled", writer.LastFallback);
    }
}
