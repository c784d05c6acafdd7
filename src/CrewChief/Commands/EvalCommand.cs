using CrewChief.Callouts;
using CrewChief.Llm;
using CrewChief.Pipeline;
using CrewChief.Tools.Eval;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief eval [--cases FILE] [--json] [--llm MODEL [--llm-deadline-ms N] [--llm-threads N]]: scores the
/// callout writer on an eval set, the composer or the guarded LLM path. Exit code 0 when every reply is grounded,
/// 1 otherwise, 2 when the model cannot be loaded.
/// </summary>
internal static class EvalCommand
{
    /// <summary>The live default: past it the driver would hear the draft anyway.</summary>
    private const int DefaultDeadlineMs = 2000;

    public static int Run(CommandArgs args)
    {
        string? casesPath = args.String("--cases");
        bool json = args.Flag("--json");
        string? model = args.String("--llm");
        int? deadlineMs = args.Integer("--llm-deadline-ms");
        int? threads = args.Integer("--llm-threads");
        args.ThrowOnUnknown();

        if (model is null && (deadlineMs is not null || threads is not null))
            throw new InputException("--llm-deadline-ms and --llm-threads need --llm MODEL.");
        if (deadlineMs is <= 0) throw new InputException($"--llm-deadline-ms must be above 0, got {deadlineMs}.");
        if (threads is <= 0) throw new InputException($"--llm-threads must be at least 1, got {threads}.");

        casesPath ??= EvalRunner.FindDefaultCases()
            ?? throw new InputException("no eval set found (looked for eval/cases.jsonl here and above); pass --cases FILE.");
        List<EvalCase> cases = EvalCaseReader.ReadFile(casesPath);

        EvalReport report;
        if (model is null)
        {
            report = EvalRunner.Run(cases, new ComposerCalloutWriter());
        }
        else
        {
            var options = new LlmOptions
            {
                ModelPath = model,
                Deadline = TimeSpan.FromMilliseconds(deadlineMs ?? DefaultDeadlineMs),
            };
            if (threads is { } n) options = options with { Threads = n };
            using LlmCalloutWriter llm = Load(options);
            report = EvalRunner.Run(cases, new LlmEvalWriter(llm, "llm:" + Path.GetFileName(model)));
        }

        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            report.WriteJson(stdout);
            stdout.Write("\n"u8);
        }
        else
        {
            report.WriteText(Console.Out);
        }
        return report.Ungrounded == 0 ? 0 : 1;
    }

    private static LlmCalloutWriter Load(LlmOptions options)
    {
        if (!File.Exists(options.ModelPath))
            throw new InputException($"--llm {options.ModelPath}: no such model file; pass a GGUF (crewchief dev tiny-llm OUT.gguf writes a test one).");
        if (LlmCalloutWriter.TryCreate(options, out var writer, out string error)) return writer;

        // TryCreate words its error for the race ("callouts stay template-only"); here nothing is scored instead.
        const string RaceSuffix = "; callouts stay template-only";
        if (error.EndsWith(RaceSuffix, StringComparison.Ordinal)) error = error[..^RaceSuffix.Length];
        throw new InputException($"--llm {options.ModelPath}: {error}. Without --llm the eval scores the composer.");
    }
}
