using CrewChief.Llm.Gguf;

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
        """;

    public static int Run(CommandArgs args)
    {
        string tool = args.RequiredPositional(0, "dev tool name (e.g. tiny-llm)");
        switch (tool)
        {
            case "tiny-llm":
                return TinyLlm(args);
            default:
                throw new InputException($"unknown dev tool '{tool}'. Try 'crewchief --help'.");
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
