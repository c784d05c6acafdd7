using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Threading.Channels;
using CrewChief.Events;
using CrewChief.Native.Llama;

namespace CrewChief.Llm;

/// <summary>
/// Rewrites a deterministic callout with an in-process llama.cpp model, streaming grounded clauses as they
/// complete. The system prompt is decoded once into sequence 0 of the KV cache; each call drops what followed
/// it and decodes only the fact sheet and draft, so per-callout prompt cost is a few dozen tokens.
///
/// Fallback rule. Non-streaming (<see cref="TryImprove"/>): any failure (ungrounded clause, deadline, too long,
/// error, cancellation) returns the draft as the text to speak. Streaming (<see cref="TryImproveStreaming"/>): each
/// grounded clause is written to the channel at once; on the first ungrounded clause, the deadline, running out
/// of tokens or an error, generation stops and the whole draft is written after whatever was already spoken,
/// because repeating a fact is harmless while dropping one (the pit call, the fuel number) is not. On
/// cancellation nothing more is written: a newer event owns the voice.
///
/// One generation at a time (calls are serialised); dispose from the owning thread when none is running.
/// </summary>
public sealed class LlmCalloutWriter : IDisposable
{
    private const int Seq = 0;

    private readonly LlmOptions _options;
    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly LlamaSampler _sampler;

    /// <summary>The LoRA adapter in use, or null.</summary>
    private readonly LlamaAdapter? _adapter;

    /// <summary>The chat template in use: the GGUF's template text, or the built-in name "llama3".</summary>
    private readonly string _template;

    private readonly string _systemPrompt;

    /// <summary>The rendered system turn; every full prompt starts with exactly this text.</summary>
    private readonly string _prefixText;

    /// <summary>Tokens of <see cref="_prefixText"/> (with BOS): positions [0, length) of sequence 0.</summary>
    private readonly int[] _prefixTokens;

    /// <summary>Whether sequence 0 holds the decoded prefix; false after an aborted prefix decode.</summary>
    private bool _prefixReady;

    /// <summary>Serialises generations: they share the context, sampler and buffers below.</summary>
    private readonly Lock _gate = new();

    private readonly ClauseSplitter _splitter = new();
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly byte[] _piece = new byte[256];
    private readonly char[] _chars = new char[256];
    private readonly int[] _one = new int[1];

    private LlmCalloutWriter(LlmOptions options, LlamaModel model, LlamaContext context, LlamaSampler sampler,
        LlamaAdapter? adapter, string template, bool templateFromModel, string systemPrompt, string prefixText, int[] prefixTokens)
    {
        _options = options;
        _model = model;
        _context = context;
        _sampler = sampler;
        _adapter = adapter;
        _template = template;
        TemplateFromModel = templateFromModel;
        _systemPrompt = systemPrompt;
        _prefixText = prefixText;
        _prefixTokens = prefixTokens;
    }

    /// <summary>False when the GGUF carried no chat template llama.cpp recognises and the Llama-3 layout is used.</summary>
    public bool TemplateFromModel { get; }

    /// <summary>Tokens of the cached system prefix.</summary>
    public int PrefixTokenCount => _prefixTokens.Length;

    /// <summary>How many times the system prefix was decoded: 1 for the writer's life unless a decode was aborted.</summary>
    public int PrefixDecodeCount { get; private set; }

    /// <summary>"llama 1B Q4_K - Medium, 16 layers, 0 on GPU" for the log.</summary>
    public string Description => $"{_model.Description}, {_model.LayerCount} layers, {Math.Min(_model.GpuLayers, _model.LayerCount)} on GPU";

    /// <summary>llama.cpp's own counters (prompt-batch tokens, generated tokens) since the context was made.</summary>
    public (int PromptTokens, int GeneratedTokens) NativeCounters => _context.NativeCounters;

    /// <summary>
    /// Loads the library, the model (and LoRA), renders and decodes the system prefix. On failure returns false
    /// with one line for the log; the caller then stays template-only.
    /// </summary>
    public static bool TryCreate(LlmOptions options, [NotNullWhen(true)] out LlmCalloutWriter? writer, out string error)
    {
        writer = null;
        if (Validate(options) is { } invalid)
        {
            error = $"{invalid}; callouts stay template-only";
            return false;
        }
        if (!File.Exists(options.ModelPath))
        {
            error = $"LLM model {options.ModelPath} not found; callouts stay template-only";
            return false;
        }
        if (!LlamaLibrary.TryInitialize(out string native))
        {
            error = $"{native}; callouts stay template-only";
            return false;
        }
        if (!LlamaModel.TryLoad(options.ModelPath, options.GpuLayers, out LlamaModel? model, out error))
        {
            error += "; callouts stay template-only";
            return false;
        }
        LlamaAdapter? adapter = null;
        LlamaContext? context = null;
        LlamaSampler? sampler = null;
        try
        {
            if (options.LoraPath is not null && !model.TryLoadAdapter(options.LoraPath, out adapter, out error)) return Fail(ref error);
            int batch = Math.Min(512, options.ContextSize);
            if (!LlamaContext.TryCreate(model, options.ContextSize, batch, options.Threads, out context, out error)) return Fail(ref error);
            if (adapter is not null && !context.TrySetAdapter(adapter, options.LoraScale))
            {
                error = $"LoRA adapter {options.LoraPath} does not fit {options.ModelPath}";
                return Fail(ref error);
            }
            if (!LlamaSampler.TryCreate(model, options.Grammar ?? CalloutGrammar.Gbnf, options.Temperature, options.Seed, out sampler, out error))
                return Fail(ref error);

            string system = options.SystemPrompt ?? CalloutPrompt.System;
            if (!CalloutTemplate.TryPick(model, system, out string template, out bool fromModel, out string prefixText, out error)) return Fail(ref error);
            int[] prefixTokens = model.Tokenize(prefixText, addSpecial: true, parseSpecial: true);
            if (prefixTokens.Length + options.MaxTokens + 64 > context.ContextSize)
            {
                error = $"context of {context.ContextSize} tokens is too small for a {prefixTokens.Length}-token system prompt";
                return Fail(ref error);
            }
            var created = new LlmCalloutWriter(options, model, context, sampler, adapter, template, fromModel, system, prefixText, prefixTokens);
            var stateFile = PrefixStateFile.For(options, template, prefixText);
            if (stateFile is not null && stateFile.TryLoad(context, Seq, prefixTokens))
            {
                created._prefixReady = true;
                created.PrefixFromCache = true;
                writer = created;
                return true;
            }
            if (!created.TryDecodePrefix(out LlamaDecodeStatus status))
            {
                error = $"decoding the system prompt failed ({status})";
                created.Dispose();
                model = null;
                return false;
            }
            stateFile?.TrySave(context, Seq, prefixTokens);
            writer = created;
            return true;
        }
        finally
        {
            if (writer is null && model is not null)
            {
                sampler?.Dispose();
                context?.Dispose();
                adapter?.Dispose();
                model.Dispose();
            }
        }

        static bool Fail(ref string error)
        {
            error += "; callouts stay template-only";
            return false;
        }
    }

    private static string? Validate(LlmOptions o) =>
        o.ContextSize < 256 ? $"LLM context size {o.ContextSize} is below 256 tokens"
        : o.MaxTokens < 1 ? $"LLM max tokens {o.MaxTokens} must be at least 1"
        : o.Threads < 1 ? $"LLM threads {o.Threads} must be at least 1"
        : o.Deadline < TimeSpan.Zero && o.Deadline != Timeout.InfiniteTimeSpan ? $"LLM deadline {o.Deadline} is negative"
        : o.Deadline.TotalMilliseconds > int.MaxValue ? $"LLM deadline {o.Deadline} is too long"
        : o.LoraScale is < 0 or > 16 ? $"LoRA scale {o.LoraScale} is outside 0..16"
        : null;

    /// <summary>True when the system prefix came from <see cref="LlmOptions.PrefixCacheFolder"/> instead of being decoded.</summary>
    public bool PrefixFromCache { get; private set; }

    private bool TryDecodePrefix(out LlamaDecodeStatus status)
    {
        _context.ClearMemory();
        status = _context.Decode(_prefixTokens, 0, Seq, logitsForLast: false);
        _prefixReady = status == LlamaDecodeStatus.Ok;
        if (_prefixReady) PrefixDecodeCount++;
        return _prefixReady;
    }

    /// <summary>The prompt the model sees for an event (template applied), for logs and evaluation.</summary>
    public string RenderPrompt(in RaceEvent e, string draft) =>
        LlamaModel.ApplyChatTemplate(_template, [new("system", _systemPrompt), new("user", CalloutPrompt.UserMessage(e, draft))], addAssistant: true) ?? string.Empty;

    /// <summary>Generates the whole answer, checks every clause, and returns the text to speak (the draft on any failure).</summary>
    public LlmResult TryImprove(in RaceEvent e, string draft, IClauseGuard guard, CancellationToken cancellationToken) =>
        Generate(e, draft, guard, null, cancellationToken);

    /// <summary>
    /// Streams each grounded clause into <paramref name="clauses"/> as soon as it is complete (use an unbounded
    /// channel: a refused write stops generation as if cancelled), and the draft after a failure (see the class
    /// remarks). Returns what was written.
    /// </summary>
    public LlmResult TryImproveStreaming(in RaceEvent e, string draft, IClauseGuard guard, ChannelWriter<string> clauses, CancellationToken cancellationToken) =>
        Generate(e, draft, guard, clauses, cancellationToken);

    private LlmResult Generate(in RaceEvent e, string draft, IClauseGuard guard, ChannelWriter<string>? sink, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var run = new GenerationRun(Stopwatch.GetTimestamp(), sink);
            _context.ClearAbort();
            using var deadline = new CancellationTokenSource(_options.Deadline);
            using var onCancel = cancellationToken.UnsafeRegister(static s => ((LlamaContext)s!).RequestAbort(), _context);
            using var onDeadline = deadline.Token.UnsafeRegister(static s => ((LlamaContext)s!).RequestAbort(), _context);

            LlmFallbackReason reason;
            string? problem;
            try
            {
                reason = Run(e, draft, guard, ref run, cancellationToken, out problem);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A throwing guard (or a bug here) must cost one callout its wording, never the race session.
                reason = LlmFallbackReason.Error;
                problem = $"{ex.GetType().Name}: {ex.Message}";
            }
            return Finish(draft, reason, problem, ref run);
        }
    }

    private LlmFallbackReason Run(in RaceEvent e, string draft, IClauseGuard guard, ref GenerationRun run, CancellationToken cancellationToken, out string? problem)
    {
        problem = null;
        if (_context.AbortRequested) return Stopped(cancellationToken);
        string? full = LlamaModel.ApplyChatTemplate(_template, [new("system", _systemPrompt), new("user", CalloutPrompt.UserMessage(e, draft))], addAssistant: true);
        if (full is null || !full.StartsWith(_prefixText, StringComparison.Ordinal))
        {
            problem = "chat template output does not start with the cached system prompt";
            return LlmFallbackReason.Error;
        }

        // Keep the system prefix, drop the previous answer. A cache that cannot drop a tail (recurrent models)
        // is rebuilt from the prefix instead.
        if (!_prefixReady || !_context.RemoveFrom(Seq, _prefixTokens.Length))
        {
            if (!TryDecodePrefix(out LlamaDecodeStatus prefixStatus)) return FromStatus(prefixStatus, cancellationToken, ref problem);
            run.PrefixTokensDecoded = _prefixTokens.Length;
        }

        int[] suffix = _model.Tokenize(full.Substring(_prefixText.Length), addSpecial: false, parseSpecial: true);
        int pos = _prefixTokens.Length;
        if (pos + suffix.Length + _options.MaxTokens > _context.ContextSize)
        {
            problem = $"prompt of {pos + suffix.Length} tokens leaves no room to answer in {_context.ContextSize}";
            return LlmFallbackReason.Error;
        }
        LlamaDecodeStatus status = _context.Decode(suffix, pos, Seq, logitsForLast: true);
        run.PromptTokens = suffix.Length;
        run.PromptMs = run.ElapsedMs();
        if (status != LlamaDecodeStatus.Ok) return FromStatus(status, cancellationToken, ref problem);
        pos += suffix.Length;

        _sampler.Reset();
        _splitter.Reset();
        _utf8.Reset();
        for (int i = 0; i < _options.MaxTokens; i++)
        {
            if (_context.AbortRequested) return Stopped(cancellationToken);
            int token = _sampler.Sample(_context);
            if (run.GeneratedTokens++ == 0) run.FirstTokenMs = run.ElapsedMs();
            if (_model.IsEndOfGeneration(token))
            {
                if (_splitter.TryTakeRest(out string last) && !TryAccept(last, guard, ref run, ref problem)) return LlmFallbackReason.Ungrounded;
                return run.Clauses.Count > 0 ? LlmFallbackReason.None : Empty(ref problem);
            }
            int n = _model.TokenToPiece(token, _piece);
            if (n > 0)
            {
                int chars = _utf8.GetChars(_piece, 0, n, _chars, 0, flush: false);
                _splitter.Append(_chars.AsSpan(0, chars));
                while (_splitter.TryTakeClause(out string clause))
                {
                    if (!TryAccept(clause, guard, ref run, ref problem)) return LlmFallbackReason.Ungrounded;
                    if (run.Refused) return LlmFallbackReason.Cancelled;
                }
            }
            _one[0] = token;
            status = _context.Decode(_one, pos++, Seq, logitsForLast: true);
            if (status != LlamaDecodeStatus.Ok) return FromStatus(status, cancellationToken, ref problem);
        }
        problem = $"no complete answer within {_options.MaxTokens} tokens";
        return LlmFallbackReason.TooLong;
    }

    // The abort flag does not say who raised it: the caller's token wins over the deadline.
    private static LlmFallbackReason Stopped(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? LlmFallbackReason.Cancelled : LlmFallbackReason.Deadline;

    private static LlmFallbackReason Empty(ref string? problem)
    {
        problem = "the model said nothing";
        return LlmFallbackReason.Error;
    }

    private static LlmFallbackReason FromStatus(LlamaDecodeStatus status, CancellationToken cancellationToken, ref string? problem)
    {
        if (status == LlamaDecodeStatus.Aborted) return Stopped(cancellationToken);
        problem = $"llama.cpp decode failed: {status}";
        return LlmFallbackReason.Error;
    }

    private static bool TryAccept(string clause, IClauseGuard guard, ref GenerationRun run, ref string? problem)
    {
        if (!guard.Accept(clause, out string? why))
        {
            problem = $"\"{clause}\": {why ?? "not grounded"}";
            return false;
        }
        run.Clauses.Add(clause);
        if (run.FirstClauseMs < 0) run.FirstClauseMs = run.ElapsedMs();
        if (run.Sink is not null)
        {
            if (run.Sink.TryWrite(clause)) run.Spoken++;
            else run.Refused = true;
        }
        return true;
    }

    private static LlmResult Finish(string draft, LlmFallbackReason reason, string? problem, ref GenerationRun run)
    {
        var timings = new LlmTimings(run.PrefixTokensDecoded, run.PromptTokens, run.GeneratedTokens, run.PromptMs,
            run.FirstTokenMs, run.FirstClauseMs, run.ElapsedMs());
        if (reason == LlmFallbackReason.None)
            return new LlmResult(string.Join(' ', run.Clauses), LlmSource.Llm, reason, null, timings);
        if (run.Sink is null)
            return new LlmResult(draft, LlmSource.Deterministic, reason, problem, timings);

        string spoken = string.Join(' ', run.Clauses, 0, run.Spoken);
        if (reason == LlmFallbackReason.Cancelled)
            return new LlmResult(spoken, run.Spoken > 0 ? LlmSource.Llm : LlmSource.None, reason, problem, timings);
        run.Sink.TryWrite(draft);
        return run.Spoken > 0
            ? new LlmResult(spoken + " " + draft, LlmSource.Mixed, reason, problem, timings)
            : new LlmResult(draft, LlmSource.Deterministic, reason, problem, timings);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _sampler.Dispose();
            _context.Dispose();
            _adapter?.Dispose();
            _model.Dispose();
        }
    }

    /// <summary>Per-call state, on the stack of the generating thread.</summary>
    private struct GenerationRun(long start, ChannelWriter<string>? sink)
    {
        public readonly long Start = start;
        public readonly ChannelWriter<string>? Sink = sink;
        public readonly List<string> Clauses = new(4);
        public int Spoken;
        public bool Refused;
        public int PrefixTokensDecoded;
        public int PromptTokens;
        public int GeneratedTokens;
        public double PromptMs = -1;
        public double FirstTokenMs = -1;
        public double FirstClauseMs = -1;

        public readonly double ElapsedMs() => Stopwatch.GetElapsedTime(Start).TotalMilliseconds;
    }
}
