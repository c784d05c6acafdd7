using CrewChief.Logging;

namespace CrewChief.App.Commands;

/// <summary>crewchief export-training LOGS... &gt; train.jsonl</summary>
internal static class ExportTrainingCommand
{
    public static int Run(CommandArgs args)
    {
        args.ThrowOnUnknown();
        if (args.Positionals.Count == 0) throw new InputException("export-training needs one or more session logs (logs/*.jsonl.gz).");
        var files = new List<string>();
        foreach (string p in args.Positionals)
        {
            if (Directory.Exists(p)) files.AddRange(Directory.GetFiles(p, "*.jsonl.gz"));
            else if (InputFiles.Problem(p) is string problem) throw InputException.ForFile(p, problem);
            else files.Add(p);
        }
        files.Sort(StringComparer.Ordinal);
        using var stdout = Console.OpenStandardOutput();
        int n = TrainingExport.Export(files, stdout);
        Console.Error.WriteLine($"crewchief: {n} training records from {files.Count} session log(s).");
        return 0;
    }
}
