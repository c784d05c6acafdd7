using System.Text.RegularExpressions;
using System.Threading.Channels;
using CrewChief.Events;
using CrewChief.Llm;

namespace CrewChief.Tests.Llm;

/// <summary>
/// The LLM path end to end on the random-weight tiny model through the real llama.cpp build. Random weights say
/// nonsense, so behaviour that depends on the words uses a grammar forcing a known sentence: it still goes through
/// tokenizing, the cached prefix, decoding, grammar sampling, streaming and the guard.
/// </summary>
public sealed partial class LlmCalloutWriterTests
{
    private const string Draft = "Gap to the car ahead is 1.2 seconds, you are closing.";

    private static RaceEvent GapEvent()
    {
        var facts = new FactSet();
        facts.Set(FactKey.GapAhead, 1.2);
        facts.Set(FactKey.ClosingRate, 0.3);
        facts.Set(FactKey.Position, 4);
        return new RaceEvent(EventKind.GapClosing, Priority.Medium, 1000, 0, 10, facts);
    }

    private static LlmOptions Options(string? grammar = null) => new()
    {
        ModelPath = TinyModel.Path,
        Threads = 1,
        ContextSize = 1024,
        MaxTokens = 600,
        Deadline = TimeSpan.FromMinutes(2),
        Grammar = grammar,
    };

    private static string Forced(string text) => $"root ::= \"{text}\"";

    private static LlmCalloutWriter Create(LlmOptions options)
    {
        TinyModel.RequireNatives();
        Assert.True(LlmCalloutWriter.TryCreate(options, out var writer, out string error), error);
        return writer;
    }

    [Fact]
    public void TryCreate_TinyModel_UsesTheModelsChatTemplate()
    {
        using var writer = Create(Options());
        Assert.True(writer.TemplateFromModel);
        string prompt = writer.RenderPrompt(GapEvent(), Draft);
        Assert.StartsWith("<|im_start|>system\n", prompt);
        Assert.Contains("gap ahead 1.2 s", prompt);
        Assert.EndsWith("<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void TryCreate_NoTemplateInModel_FallsBackToLlama3Layout()
    {
        TinyModel.RequireNatives();
        using var writer = Create(Options() with { ModelPath = TinyModel.NoTemplatePath });
        Assert.False(writer.TemplateFromModel);
        Assert.Contains("<|start_header_id|>system<|end_header_id|>", writer.RenderPrompt(GapEvent(), Draft));
    }

    [Fact]
    public void TryCreate_TemplateWithoutSystemTurn_CachesTheCommonPrefix()
    {
        TinyModel.RequireNatives();
        using var writer = Create(Options(Forced("Push now.")) with { ModelPath = TinyModel.GemmaTemplatePath });
        Assert.True(writer.TemplateFromModel);
        Assert.StartsWith("<start_of_turn>user\n" + CalloutPrompt.System, writer.RenderPrompt(GapEvent(), Draft));
        writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        LlmResult second = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        Assert.Equal(LlmFallbackReason.None, second.Reason);
        Assert.Equal(1, writer.PrefixDecodeCount);
        Assert.True(writer.PrefixTokenCount > second.Timings.PromptTokens);
    }

    [Fact]
    public void TryCreate_MissingModel_OneLineTemplateOnly()
    {
        Assert.False(LlmCalloutWriter.TryCreate(new LlmOptions { ModelPath = "/nonexistent/m.gguf" }, out _, out string error));
        Assert.Contains("template-only", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TryImprove_SecondCall_ReusesCachedSystemPrefix()
    {
        using var writer = Create(Options(Forced("Closing on the car ahead.")));
        LlmResult first = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        LlmResult second = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        var after = writer.NativeCounters;

        Assert.Equal(1, writer.PrefixDecodeCount);
        Assert.Equal(0, second.Timings.PrefixTokensDecoded);
        Assert.True(writer.PrefixTokenCount > 40, $"system prefix {writer.PrefixTokenCount} tokens");
        Assert.Equal(first.Timings.PromptTokens, second.Timings.PromptTokens);
        Assert.True(second.Timings.PromptTokens < writer.PrefixTokenCount);
        // llama.cpp's own count of prompt tokens decoded agrees: the prefix once, then only the two fact sheets.
        Assert.Equal(writer.PrefixTokenCount + first.Timings.PromptTokens + second.Timings.PromptTokens, after.PromptTokens);
        Assert.Equal("Closing on the car ahead.", second.Text);
    }

    [Fact]
    public void TryCreate_PrefixCacheFolder_SecondStartLoadsTheSystemPromptInsteadOfDecoding()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"crewchief-prefix-{Guid.NewGuid():N}");
        try
        {
            LlmOptions options = Options() with { PrefixCacheFolder = folder };
            string first;
            using (var cold = Create(options))
            {
                Assert.False(cold.PrefixFromCache);
                Assert.Equal(1, cold.PrefixDecodeCount);
                first = cold.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None).Text;
            }
            Assert.Single(Directory.GetFiles(folder, "prefix-*.state"));

            using var warm = Create(options);
            Assert.True(warm.PrefixFromCache);
            Assert.Equal(0, warm.PrefixDecodeCount);
            LlmResult again = warm.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
            // llama.cpp decoded only the user turn; greedy decoding on the restored cache says what the fresh one said.
            Assert.Equal(again.Timings.PromptTokens, warm.NativeCounters.PromptTokens);
            Assert.Equal(first, again.Text);

            // A different system prompt must not reuse that state.
            using var other = Create(options with { SystemPrompt = "You are terse." });
            Assert.False(other.PrefixFromCache);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TryImprove_DefaultGrammar_ShortPlainSentences()
    {
        using var writer = Create(Options());
        LlmResult result = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        Assert.Equal(LlmFallbackReason.None, result.Reason);
        Assert.Equal(LlmSource.Llm, result.Source);
        Assert.Matches(PlainSentences(), result.Text);
        Assert.True(result.Text.Split(' ').Length <= 30, result.Text);
    }

    [Fact]
    public void TryImprove_SameEventTwice_SameAnswer()
    {
        using var writer = Create(Options());
        string a = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None).Text;
        string b = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None).Text;
        Assert.Equal(a, b);
    }

    [Fact]
    public void TryImproveStreaming_GroundedClauses_WrittenInOrderAsTheyComplete()
    {
        using var writer = Create(Options(Forced("Gap ahead is 1.2 seconds, push now. You are fourth.")));
        var channel = Channel.CreateUnbounded<string>();
        var writtenBeforeEachCheck = new List<int>();
        var guard = new RecordingGuard { OnClause = _ => writtenBeforeEachCheck.Add(channel.Reader.Count) };

        LlmResult result = writer.TryImproveStreaming(GapEvent(), Draft, guard, channel.Writer, CancellationToken.None);

        Assert.Equal(LlmFallbackReason.None, result.Reason);
        Assert.Equal(["Gap ahead is 1.2 seconds,", "push now.", "You are fourth."], guard.Seen);
        Assert.Equal([0, 1, 2], writtenBeforeEachCheck);  // each clause went out before the next was generated
        Assert.Equal(guard.Seen, Drain(channel));
        Assert.Equal("Gap ahead is 1.2 seconds, push now. You are fourth.", result.Text);
    }

    [Fact]
    public void TryImprove_InventedNumber_FallsBackToDraft()
    {
        using var writer = Create(Options(Forced("Gap ahead is 0.4 seconds.")));
        RaceEvent e = GapEvent();
        LlmResult result = writer.TryImprove(e, Draft, new NumbersFromFactsGuard(e.Facts), CancellationToken.None);
        Assert.Equal(LlmFallbackReason.Ungrounded, result.Reason);
        Assert.Equal(LlmSource.Deterministic, result.Source);
        Assert.Equal(Draft, result.Text);
        Assert.Contains("0.4", result.Problem);
    }

    [Fact]
    public void TryImproveStreaming_UngroundedAfterGrounded_SpeaksDraftAfterSpokenClauses()
    {
        using var writer = Create(Options(Forced("Gap ahead is 1.2 seconds, you are third.")));
        RaceEvent e = GapEvent();
        var channel = Channel.CreateUnbounded<string>();
        var guard = new RejectWordGuard("third");
        LlmResult result = writer.TryImproveStreaming(e, Draft, guard, channel.Writer, CancellationToken.None);
        Assert.Equal(LlmFallbackReason.Ungrounded, result.Reason);
        Assert.Equal(LlmSource.Mixed, result.Source);
        Assert.Equal(["Gap ahead is 1.2 seconds,", Draft], Drain(channel));
    }

    [Fact]
    public void TryImprove_DeadlinePassed_FallsBackToDraft()
    {
        using var writer = Create(Options() with { Deadline = TimeSpan.Zero });
        LlmResult result = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        Assert.Equal(LlmFallbackReason.Deadline, result.Reason);
        Assert.Equal(Draft, result.Text);
    }

    [Fact]
    public void TryImproveStreaming_CancelledMidAnswer_StopsWithoutDraft()
    {
        using var writer = Create(Options(Forced("Gap ahead is 1.2 seconds, push now. You are fourth.")));
        using var cts = new CancellationTokenSource();
        var channel = Channel.CreateUnbounded<string>();
        var guard = new RecordingGuard { OnClause = _ => cts.Cancel() };
        LlmResult result = writer.TryImproveStreaming(GapEvent(), Draft, guard, channel.Writer, cts.Token);
        Assert.Equal(LlmFallbackReason.Cancelled, result.Reason);
        Assert.Equal(["Gap ahead is 1.2 seconds,"], Drain(channel));

        // The writer recovers: the next call runs normally on the same cache.
        LlmResult next = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        Assert.Equal(LlmFallbackReason.None, next.Reason);
        Assert.Equal(1, writer.PrefixDecodeCount);
    }

    [Fact]
    public void TryImprove_AlreadyCancelled_FallsBackWithoutGenerating()
    {
        using var writer = Create(Options());
        LlmResult result = writer.TryImprove(GapEvent(), Draft, new RecordingGuard(), new CancellationToken(canceled: true));
        Assert.Equal(LlmFallbackReason.Cancelled, result.Reason);
        Assert.Equal(0, result.Timings.GeneratedTokens);
    }

    [Fact]
    public void TryCreate_WithLora_LoadsAndGenerates()
    {
        using var plain = Create(Options());
        using var adapted = Create(Options() with { LoraPath = TinyModel.LoraPath, LoraScale = 4f });
        LlmResult a = plain.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        LlmResult b = adapted.TryImprove(GapEvent(), Draft, new RecordingGuard(), CancellationToken.None);
        Assert.Equal(LlmFallbackReason.None, b.Reason);
        Assert.NotEqual(a.Text, b.Text);  // the adapter's deltas reach the attention weights
    }

    [Fact]
    public void TryCreate_LoraForAnotherModel_OneLineError()
    {
        TinyModel.RequireNatives();
        Assert.False(LlmCalloutWriter.TryCreate(Options() with { LoraPath = TinyModel.MismatchedLoraPath }, out _, out string error));
        Assert.Contains("LoRA", error);
        Assert.Contains("template-only", error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TryImprove_GuardThrows_FallsBackWithError()
    {
        using var writer = Create(Options(Forced("Push now.")));
        var guard = new RecordingGuard { OnClause = _ => throw new InvalidOperationException("guard bug") };
        LlmResult result = writer.TryImprove(GapEvent(), Draft, guard, CancellationToken.None);
        Assert.Equal(LlmFallbackReason.Error, result.Reason);
        Assert.Equal(Draft, result.Text);
        Assert.Contains("guard bug", result.Problem);
    }

    private static List<string> Drain(Channel<string> channel)
    {
        var list = new List<string>();
        while (channel.Reader.TryRead(out string? s)) list.Add(s);
        return list;
    }

    // One or two sentences of words/numbers separated by spaces or ", ", each ending in . ! or ?.
    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9'.]*(,? [A-Za-z0-9][A-Za-z0-9'.]*)*[.!?])( [A-Za-z0-9][A-Za-z0-9'.]*(,? [A-Za-z0-9][A-Za-z0-9'.]*)*[.!?])?$")]
    private static partial Regex PlainSentences();

    private sealed class RejectWordGuard(string word) : IClauseGuard
    {
        public bool Accept(string clause, out string? problem)
        {
            problem = clause.Contains(word, StringComparison.Ordinal) ? $"'{word}' is not grounded" : null;
            return problem is null;
        }
    }
}
