using CrewChief.Callouts;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief eval [--cases FILE] [--json] [--llm MODEL]: scores the callout writer on an eval set. Exit code 0
/// when every reply is grounded, 1 otherwise.
/// </summary>
internal static class EvalCommand
{
    public static int Run(CommandArgs args)
    {
        string? casesPath = args.String("--cases");
        bool json = args.Flag("--json");
        string? model = args.String("--llm");
        args.ThrowOnUnknown();

        if (model is not null)
            throw new InputException($"--llm {model}: the LLM path is not available in this build yet; run 'crewchief eval' without --llm to score the composer.");

        casesPath ??= EvalRunner.FindDefaultCases()
            ?? throw new InputException("no eval set found (looked for eval/cases.jsonl here and above); pass --cases FILE.");
        List<EvalCase> cases = EvalCaseReader.ReadFile(casesPath);

        EvalReport report = EvalRunner.Run(cases, new ComposerCalloutWriter());
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
}
