using CrewChief.Events;
using CrewChief.Llm;
using CrewChief.Tools.Llm.Gguf;
using CrewChief.Tools.Speech.Dev;

namespace CrewChief.App.Commands;

/// <summary>
/// Developer tools: "crewchief dev &lt;tool&gt; ...". Each tool is one case of the switch, so tools added on other
/// branches merge as one line each.
/// </summary>
internal static class DevCommand
{
    public const string Usage = """
          dev tiny-llm OUT.gguf [--shape tiny|1b]
                               write a random-weight Llama GGUF (tiny: tests; 1b: Llama 3.2 1B layer shapes,
                               32000-token vocabulary, F16, about 2 GB) to exercise the LLM path without weights
          dev tiny-voice OUT.onnx [--multi-speaker] [--rank4]
                               write a tiny Piper-contract test voice (+ OUT.onnx.json)
          dev medium-voice OUT.onnx [--high]
                               random weights shaped like a Piper medium (or high) voice, for benchmarks
          dev voice-smoke VOICE.onnx
                               load a Piper voice through ONNX Runtime and synthesise a fixed phoneme sequence
                               (no espeak-ng needed: proves the runtime and the model on a new machine)
          dev llm-smoke MODEL.gguf [--threads N] [--deadline-ms N]
                               load a GGUF through llama.cpp and rewrite one sample callout, printing the prompt,
                               the answer (or why it fell back) and the timings
        """;

    public static int Run(CommandArgs args)
    {
        string tool = args.RequiredPositional(0, "dev tool name (e.g. tiny-llm)");
        switch (tool)
        {
            case "tiny-llm":
                return TinyLlm(args);
            case "llm-smoke":
                return LlmSmoke(args);
            case "tiny-voice":
                return TinyVoice(args);
            case "medium-voice":
                return MediumVoice(args);
            case "voice-smoke":
                return VoiceSmoke(args);
            default:
                throw new InputException($"unknown dev tool '{tool}'. Try 'crewchief --help'.");
        }
    }

    private static int TinyVoice(CommandArgs args)
    {
        string outPath = args.RequiredPositional(1, "output path (crewchief dev tiny-voice OUT.onnx)");
        bool multi = args.Flag("--multi-speaker");
        bool rank4 = args.Flag("--rank4");
        args.ThrowOnUnknown();
        TinyPiperModel.Write(outPath, new TinyPiperModel.Shape(multi ? 3 : 1, rank4));
        Console.WriteLine($"{outPath} (+ .json): tiny Piper-contract voice, {(multi ? "3 speakers" : "1 speaker")}, rank-{(rank4 ? 4 : 3)} output");
        return 0;
    }

    private static int MediumVoice(CommandArgs args)
    {
        string outPath = args.RequiredPositional(1, "output path (crewchief dev medium-voice OUT.onnx)");
        bool high = args.Flag("--high");
        args.ThrowOnUnknown();
        var decoder = high ? MediumShapedPiperModel.High : MediumShapedPiperModel.Medium;
        MediumShapedPiperModel.Write(outPath, decoder);
        Console.WriteLine($"{outPath} (+ .json): random-weight model shaped like a Piper {decoder.Name} voice");
        return 0;
    }

    private static int VoiceSmoke(CommandArgs args)
    {
        string voicePath = args.RequiredPositional(1, "voice model (crewchief dev voice-smoke VOICE.onnx)");
        args.ThrowOnUnknown();
        if (!Native.Onnx.OnnxRuntimeLibrary.TryInitialize(out string error)) throw new InputException($"{error}");
        using var voice = Speech.PiperVoice.Load(voicePath, new Speech.SpeechOptions());
        // "^" BOS, the voice's first real phonemes, "$" EOS: every Piper voice maps these symbols.
        var ids = new List<long>();
        foreach (var pair in voice.Config.PhonemeIds)
        {
            if (ids.Count >= 12) break;
            ids.AddRange(pair.Value);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        float[] samples = voice.Synthesize(ids.ToArray());
        Console.WriteLine($"voice ok: {voicePath}, {ids.Count} phoneme ids -> {samples.Length} samples at {voice.Config.SampleRate} Hz in {clock.Elapsed.TotalMilliseconds:0} ms");
        return samples.Length > 0 ? 0 : 2;
    }

    private static int LlmSmoke(CommandArgs args)
    {
        int threads = args.Integer("--threads") ?? 1;
        int deadlineMs = args.Integer("--deadline-ms") ?? 60_000;
        args.ThrowOnUnknown();
        string model = args.RequiredPositional(1, "model file (e.g. tiny.gguf)");
        var options = new LlmOptions { ModelPath = model, Threads = threads, Deadline = TimeSpan.FromMilliseconds(deadlineMs), MaxTokens = 128 };
        if (!LlmCalloutWriter.TryCreate(options, out var writer, out string error))
        {
            Console.Error.WriteLine($"crewchief: {error}");
            return ExitCodes.CannotGoOn;
        }
        using (writer)
        {
            var facts = new FactSet();
            facts.Set(FactKey.GapAhead, 1.2);
            facts.Set(FactKey.ClosingRate, 0.3);
            facts.Set(FactKey.Position, 4);
            var e = new RaceEvent(EventKind.GapClosing, Priority.Medium, 0, 0, 10, facts);
            const string draft = "Gap to the car ahead is 1.2 seconds, you are closing 0.3 a lap.";
            Console.WriteLine($"llama.cpp {Native.Llama.LlamaLibrary.NativeVersion} from {Native.Llama.LlamaLibrary.Folder}; devices: {Native.Llama.LlamaLibrary.Devices}" +
                (Native.Llama.LlamaLibrary.GpuUnavailableReason is { } why ? $"; no GPU: {why}" : ""));
            Console.WriteLine($"model: {writer.Description}; chat template: {(writer.TemplateFromModel ? "from the model" : "llama3 fallback")}");
            Console.WriteLine(writer.RenderPrompt(e, draft));
            LlmResult r = writer.TryImprove(e, draft, new AcceptEveryClause(), CancellationToken.None);
            Console.WriteLine($"answer ({r.Source}{(r.FellBack ? $", fell back: {r.Reason} {r.Problem}" : "")}): {r.Text}");
            LlmTimings t = r.Timings;
            Console.WriteLine($"system prompt {writer.PrefixTokenCount} tokens (cached); prompt {t.PromptTokens} tokens in {t.PromptMs:0} ms; " +
                $"first token {t.FirstTokenMs:0} ms; first clause {t.FirstClauseMs:0} ms; {t.GeneratedTokens} tokens, total {t.TotalMs:0} ms");
        }
        return 0;
    }

    /// <summary>The smoke test shows what the model says; grounding is the callouts stage's job.</summary>
    private sealed class AcceptEveryClause : IClauseGuard
    {
        public bool Accept(string clause, out string? problem)
        {
            problem = null;
            return true;
        }
    }

    private static int TinyLlm(CommandArgs args)
    {
        string shapeName = args.String("--shape") ?? "tiny";
        args.ThrowOnUnknown();
        string output = args.RequiredPositional(1, "output file (e.g. tiny.gguf)");
        RandomLlamaShape shape = shapeName switch
        {
            "tiny" => RandomLlamaShape.Tiny,
            "1b" => RandomLlamaShape.Llama32OneB,
            _ => throw new InputException($"--shape must be tiny or 1b, got '{shapeName}'."),
        };
        string? dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir is null || !Directory.Exists(dir))
            throw new InputException($"{output}: folder does not exist; create it or pick another path.");
        RandomLlamaModel.Write(output, shape);
        Console.WriteLine($"wrote {output} ({new FileInfo(output).Length / 1024.0 / 1024.0:0.0} MiB, {shapeName} shape, random weights)");
        return 0;
    }
}
